// Scenarios 1 and 2: one room with 2, 10, 50 and 200 participants, one of them writing ten notes
// a second; broadcast latency, share delivered, server CPU and memory, and the CPU of the
// benchmark's own processes. The 200-participant room is also measured against the upstream
// reference server in the same run (runs interleaved in pairs).
//
// Presence: every y-websocket client renews its presence every 15 s for as long as it is
// connected. Scenario 2 measures note latency with those renewals outside the window (the
// clients' renewal timers are stopped once they are connected, which also stops them counting
// others gone after 30 s; the room's presence has settled before the window starts), over a 10 s
// and a 20 s window of the same run. Scenario 2b measures the same room with the renewals left on, inside a 20 s
// window: the reference forwards each renewal to every client at once, ours batches presence
// every 50 ms. That is a presence result, reported as its own scenario.
import { median, percentile } from './lib/clients';
import { LoadPool, now, workerCpu } from './lib/pool';
import type { Row } from './lib/rows';
import { cpuSeconds, memoryMB, startServer, type ServerKind } from './lib/servers';

const WRITES_PER_SECOND = 10;

export type Window = { p50: number; p95: number; p99: number; delivered: number };

export type RoomRun = {
	/** Per window length in seconds (from the first note), over the notes sent in it. */
	windows: Record<number, Window>;
	cpuPercent: number;
	rssMB: number;
	/** CPU of the load generator's processes: the busiest one's, and all together. */
	clientCpuMax: number;
	clientCpuTotal: number;
	drops: number;
	warnings: Record<string, number>;
};

/** One fresh server, one room of `participants` clients, one writer for the longest window. */
export async function roomRun(
	kind: ServerKind,
	participants: number,
	windows: number[],
	presence: 'held' | 'renewing'
): Promise<RoomRun> {
	const server = await startServer(kind, { rooms: 1, participants });
	const room = server.rooms[0]!;
	const pool = await LoadPool.start();
	try {
		await pool.connect(
			server.url,
			room.keys.map((key, i) => ({ room: room.id, key, author: room.ids[i]! }))
		);
		if (presence === 'held') await pool.holdPresence();
		// Every join is a presence change sent to everyone (the reference forwards each at once,
		// and every y-websocket client sends each one it receives back): start when that is over.
		await pool.settle();
		const seconds = Math.max(...windows);
		const start = now() + 100;
		const notes = Array.from({ length: seconds * WRITES_PER_SECOND }, (_, i) => ({
			seat: 0,
			id: `n${i}`,
			at: start + (i * 1000) / WRITES_PER_SECOND
		}));
		const cpuBefore = cpuSeconds(server.pid);
		const workersBefore = pool.cpu();
		await pool.write(notes);
		await pool.drain(notes.length * (participants - 1), 3000);
		const elapsed = (now() - start) / 1000;
		const cpuPercent = ((cpuSeconds(server.pid) - cpuBefore) / elapsed) * 100;
		const clients = workerCpu(workersBefore, pool.cpu(), elapsed);
		const arrivals = await pool.collect();
		const result: Record<number, Window> = {};
		for (const window of windows) {
			const latencies = arrivals.latencies(start, start + window * 1000);
			result[window] = {
				p50: percentile(latencies, 0.5),
				p95: percentile(latencies, 0.95),
				p99: percentile(latencies, 0.99),
				delivered: latencies.length / (window * WRITES_PER_SECOND * (participants - 1))
			};
		}
		return {
			windows: result,
			cpuPercent,
			rssMB: memoryMB(server.pid).rss,
			clientCpuMax: clients.max,
			clientCpuTotal: clients.total,
			drops: arrivals.drops,
			warnings: { ...server.warnings }
		};
	} finally {
		await pool.close();
		await server.stop();
	}
}

const of = (runs: RoomRun[], pick: (run: RoomRun) => number) => {
	const values = runs.map(pick);
	return { value: median(values), runs: values };
};

function rowsFor(scenario: string, label: string, runs: RoomRun[], window: number): Row[] {
	const row = (what: string, unit: string, pick: (run: RoomRun) => number): Row => ({
		scenario,
		what: `${label}: ${what}`,
		unit,
		target: null,
		...of(runs, pick)
	});
	return [
		row(`p50 latency (${window} s)`, 'ms', (r) => r.windows[window]!.p50),
		row(`p95 latency (${window} s)`, 'ms', (r) => r.windows[window]!.p95),
		row(`p99 latency (${window} s)`, 'ms', (r) => r.windows[window]!.p99),
		row(`share delivered (${window} s)`, '%', (r) => r.windows[window]!.delivered * 100),
		row('server CPU', '% of a core', (r) => r.cpuPercent),
		row('server RSS', 'MB', (r) => r.rssMB),
		row('load generator CPU, busiest process', '% of a core', (r) => r.clientCpuMax),
		row('load generator CPU, all processes', '% of a core', (r) => r.clientCpuTotal)
	];
}

/** Ours and the reference in pairs, so both see the same machine load, each first in turn. */
async function pairs(count: number, windows: number[], presence: 'held' | 'renewing') {
	const ours: RoomRun[] = [];
	const reference: RoomRun[] = [];
	for (let i = 0; i < count; i++) {
		if (i % 2 === 0) ours.push(await roomRun('ours', 200, windows, presence));
		reference.push(await roomRun('reference', 200, windows, presence));
		if (i % 2 === 1) ours.push(await roomRun('ours', 200, windows, presence));
	}
	return { ours, reference };
}

function ratioRow(
	scenario: string,
	what: string,
	ours: RoomRun[],
	reference: RoomRun[],
	window: number,
	target: number | null
): Row {
	const ratios = ours.map(
		(run, i) => run.windows[window]!.p99 / reference[i]!.windows[window]!.p99
	);
	return { scenario, what, value: median(ratios), runs: ratios, unit: '×', target };
}

export async function run(quick = false, log: (line: string) => void = () => {}, only?: string[]) {
	const windows = quick ? [5, 10] : [10, 20];
	const [short, long] = windows as [number, number];
	const pairCount = quick ? 2 : 5;
	const presencePairs = quick ? 1 : 3;
	const smallRuns = quick ? 1 : 3;
	const wanted = (scenario: string) => !only || only.includes(scenario);
	const rows: Row[] = [];
	const details: Record<string, RoomRun[]> = {};
	if (wanted('1'))
		for (const participants of [2, 10, 50]) {
			const results: RoomRun[] = [];
			for (let i = 0; i < smallRuns; i++)
				results.push(await roomRun('ours', participants, [short], 'held'));
			details[`ours-${participants}`] = results;
			log(`scenario 1: ${participants} participants done`);
			rows.push(...rowsFor('1', `${participants} participants`, results, short));
		}
	if (wanted('1') || wanted('2')) {
		const { ours, reference } = await pairs(pairCount, windows, 'held');
		details['ours-200'] = ours;
		details['reference-200'] = reference;
		log('scenario 1/2: 200 participants, ours and reference, done');
		for (const window of windows) {
			rows.push(...rowsFor('2', `ours, 200 participants`, ours, window));
			rows.push(...rowsFor('2', `reference, 200 participants`, reference, window));
		}
		for (const window of windows)
			rows.push(
				ratioRow(
					'2',
					`**note p99 ours / reference, 200 participants, ${window} s window, presence renewals outside it (ours persists every update)**`,
					ours,
					reference,
					window,
					1.0
				)
			);
	}
	if (wanted('2') || wanted('2b')) {
		const { ours, reference } = await pairs(presencePairs, [long], 'renewing');
		details['ours-200-renewing'] = ours;
		details['reference-200-renewing'] = reference;
		log('scenario 2b: 200 participants with presence renewals in the window, done');
		rows.push(
			...rowsFor('2b', `ours, presence renewals in the window`, ours, long).filter((r) =>
				/p99|CPU/.test(r.what)
			),
			...rowsFor('2b', `reference, presence renewals in the window`, reference, long).filter((r) =>
				/p99|CPU/.test(r.what)
			),
			ratioRow(
				'2b',
				`presence batching: note p99 ours / reference while all 200 clients renew their presence (${long} s window)`,
				ours,
				reference,
				long,
				null
			)
		);
	}
	return { rows, details };
}
