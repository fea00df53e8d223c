// The benchmark's load generator, split over worker processes (bench/lib/load-worker.ts), so the
// measuring side is not the bottleneck: each process holds its share of the y-websocket clients.
// The coordinator (this process) assigns seats, plans the writes on the shared clock, collects
// send and arrival times, and reads every worker's CPU time from /proc like the server's.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { Collected, Seat, WorkerRequest } from './load-worker';
import { now } from './clock';
import { bundle, cpuSeconds, memoryMB } from './servers';

export { now };

/** Worker processes: one per core (the server under test shares those cores). */
export const WORKERS = Math.max(2, os.cpus().length);

type Reply = { type: string; [field: string]: unknown };

class Worker {
	private waiting: ((reply: Reply) => void)[] = [];
	private failed: Error | null = null;
	readonly ready: Promise<void>;
	constructor(readonly child: ChildProcess) {
		this.ready = new Promise((resolve, reject) => {
			child.once('message', () => resolve());
			child.once('exit', (code) => reject(new Error(`load worker exited (${code})`)));
		});
		child.on('message', (reply: Reply) => {
			if (reply.type === 'ready') return;
			if (reply.type === 'error') this.failed = new Error(`load worker: ${String(reply.message)}`);
			this.waiting.shift()?.(reply);
		});
		child.on('exit', () => {
			this.failed ??= new Error('load worker exited');
			for (const waiter of this.waiting.splice(0)) waiter({ type: 'error' });
		});
	}
	/** Requests are answered in order: one reply per request. */
	ask(request: WorkerRequest): Promise<Reply> {
		return new Promise((resolve, reject) => {
			this.waiting.push((reply) =>
				reply.type === 'error'
					? reject(this.failed ?? new Error('load worker failed'))
					: resolve(reply)
			);
			this.child.send(request);
		});
	}
	get pid(): number {
		return this.child.pid!;
	}
}

export type Arrivals = {
	/** Latencies (arrival − send, ms) of every arrival of a note sent within [from, to). */
	latencies(from?: number, to?: number): number[];
	drops: number;
	presenceChanges: number;
	clients: number;
};

export class LoadPool {
	private seatsOf: Seat[][] = [];
	/** Global seat index → [worker, index in that worker]. */
	private where: [number, number][] = [];
	private constructor(private readonly workers: Worker[]) {}

	static async start(count = WORKERS): Promise<LoadPool> {
		const entry = await bundle('load-worker');
		const workers = Array.from(
			{ length: count },
			() =>
				new Worker(
					fork(entry, [], {
						stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
						serialization: 'advanced',
						execArgv: ['--max-old-space-size=4096']
					})
				)
		);
		await Promise.all(workers.map((worker) => worker.ready));
		return new LoadPool(workers);
	}

	get pids(): number[] {
		return this.workers.map((worker) => worker.pid);
	}

	/** Connects the seats, spread over the workers in turn (`batch` at a time in each). */
	async connect(url: string, seats: Seat[], batch = 100): Promise<void> {
		this.seatsOf = this.workers.map(() => []);
		this.where = seats.map((seat, i) => {
			const w = i % this.workers.length;
			this.seatsOf[w]!.push(seat);
			return [w, this.seatsOf[w]!.length - 1];
		});
		await Promise.all(
			this.workers.map((worker, w) =>
				worker.ask({ type: 'connect', url, seats: this.seatsOf[w]!, batch })
			)
		);
	}

	holdPresence(): Promise<unknown> {
		return Promise.all(this.workers.map((worker) => worker.ask({ type: 'hold-presence' })));
	}

	/** Writes each note from its seat at its time (absolute, on the shared clock). */
	async write(notes: { seat: number; id: string; at: number }[]): Promise<void> {
		const plans = this.workers.map(
			() => new Map<number, { writer: number; notes: { id: string; at: number }[] }>()
		);
		for (const note of notes) {
			const [w, local] = this.where[note.seat]!;
			const plan = plans[w]!;
			if (!plan.has(local)) plan.set(local, { writer: local, notes: [] });
			plan.get(local)!.notes.push({ id: note.id, at: note.at });
		}
		await Promise.all(
			this.workers.map((worker, w) => worker.ask({ type: 'write', plan: [...plans[w]!.values()] }))
		);
	}

	/** Every client moves its cursor twice a second until `until`. */
	async move(until: number): Promise<void> {
		await Promise.all(this.workers.map((worker) => worker.ask({ type: 'move', until })));
	}

	/**
	 * Waits until no client has seen a presence change for `quietMs` (the joins, and the
	 * reference's forwarding of them, are over), or `timeoutMs` passed.
	 */
	async settle(quietMs = 1000, timeoutMs = 15_000): Promise<void> {
		const until = now() + timeoutMs;
		let last = -1;
		let since = now();
		while (now() < until) {
			const counts = await Promise.all(this.workers.map((worker) => worker.ask({ type: 'count' })));
			const seen = counts.reduce((sum, c) => sum + (c.presence as number), 0);
			if (seen !== last) [last, since] = [seen, now()];
			else if (now() - since >= quietMs) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** Waits until `expected` arrivals came in, or `timeoutMs` passed. */
	async drain(expected: number, timeoutMs: number): Promise<void> {
		const until = now() + timeoutMs;
		while (now() < until) {
			const counts = await Promise.all(this.workers.map((worker) => worker.ask({ type: 'count' })));
			if (counts.reduce((sum, c) => sum + (c.arrivals as number), 0) >= expected) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	async collect(): Promise<Arrivals> {
		const all = (
			await Promise.all(this.workers.map((worker) => worker.ask({ type: 'collect' })))
		).map((reply) => reply.collected as Collected);
		const sentAt = new Map<string, number>();
		for (const part of all) for (const [id, at] of part.sent) sentAt.set(id, at);
		return {
			latencies(from = -Infinity, to = Infinity) {
				const out: number[] = [];
				for (const part of all) {
					const sends = part.ids.map((id) => sentAt.get(id));
					for (const [index, at] of part.arrivals) {
						const sent = sends[index];
						if (sent !== undefined && sent >= from && sent < to) out.push(at - sent);
					}
				}
				return out;
			},
			drops: all.reduce((sum, part) => sum + part.drops, 0),
			presenceChanges: all.reduce((sum, part) => sum + part.presenceChanges, 0),
			clients: all.reduce((sum, part) => sum + part.clients, 0)
		};
	}

	/** CPU seconds the workers have used so far, each. */
	cpu(): number[] {
		return this.pids.map(cpuSeconds);
	}

	rssMB(): number {
		return this.pids.reduce((sum, pid) => sum + memoryMB(pid).rss, 0);
	}

	async close(): Promise<void> {
		await Promise.all(
			this.workers.map(async (worker) => {
				const exited = new Promise((resolve) => worker.child.once('exit', resolve));
				if (worker.child.exitCode !== null) return;
				await worker.ask({ type: 'close' }).catch(() => {});
				const timer = setTimeout(() => worker.child.kill('SIGKILL'), 5000);
				await exited;
				clearTimeout(timer);
			})
		);
	}
}

/** CPU of the workers over a window: the busiest worker's and all together, in % of one core. */
export function workerCpu(before: number[], after: number[], seconds: number) {
	const each = after.map((value, i) => ((value - before[i]!) / seconds) * 100);
	return { max: Math.max(...each), total: each.reduce((sum, value) => sum + value, 0) };
}
