// Scenario 3: 100 rooms × 30 participants (3,000 connections); scenario 8: 250 rooms × 40
// participants (10,000 connections) with two PDF reports made during the window. In both, three
// writers per room each add a note every two seconds. Scenario 4: presence storm, 200 clients in
// one room each moving its cursor (awareness) twice a second. The clients live in the load
// generator's worker processes (bench/lib/pool.ts); their presence renewals stay on, as in a
// real session.
import { median, percentile, sleep } from './lib/clients';
import { LoadPool, now, workerCpu } from './lib/pool';
import type { Row } from './lib/rows';
import { cpuSeconds, memoryMB, startServer } from './lib/servers';

const WRITERS_PER_ROOM = 3;
const WRITE_INTERVAL_MS = 2000;

export type CrowdOptions = {
	/** PDF reports to make in the server while the notes are written, spread over the window. */
	reports?: number;
	/** A directory for a CPU profile of the server. */
	cpuProfileDir?: string;
	/** Connections opened at a time, per worker process. */
	batch?: number;
};

export async function crowdRun(
	rooms: number,
	participants: number,
	seconds: number,
	options: CrowdOptions = {}
) {
	const server = await startServer('ours', { rooms, participants }, options.cpuProfileDir);
	const pool = await LoadPool.start();
	try {
		const connectStart = now();
		await pool.connect(
			server.url,
			server.rooms.flatMap((room) =>
				room.keys.map((key, i) => ({ room: room.id, key, author: room.ids[i]! }))
			),
			options.batch ?? 100
		);
		const connectSeconds = (now() - connectStart) / 1000;
		await pool.settle();
		const start = now() + 100;
		const notes: { seat: number; id: string; at: number }[] = [];
		for (let r = 0; r < rooms; r++)
			for (let w = 0; w < WRITERS_PER_ROOM; w++) {
				const offset = Math.random() * WRITE_INTERVAL_MS;
				for (let i = 0; offset + i * WRITE_INTERVAL_MS < seconds * 1000; i++)
					notes.push({
						seat: r * participants + w,
						id: `r${r}w${w}n${i}`,
						at: start + offset + i * WRITE_INTERVAL_MS
					});
			}
		const cpuBefore = cpuSeconds(server.pid);
		const workersBefore = pool.cpu();
		const reports = Array.from({ length: options.reports ?? 0 }, (_, i) =>
			sleep(start + ((i + 1) * seconds * 1000) / ((options.reports ?? 0) + 1) - now()).then(() =>
				server.report(server.rooms[i % server.rooms.length]!)
			)
		);
		await pool.write(notes);
		const expected = notes.length * (participants - 1);
		await pool.drain(expected, 5000);
		const reportMs = await Promise.all(reports);
		const elapsed = (now() - start) / 1000;
		const memory = memoryMB(server.pid);
		const clients = workerCpu(workersBefore, pool.cpu(), elapsed);
		const arrivals = await pool.collect();
		const latencies = arrivals.latencies();
		// p99 of the notes sent in each 2 s of the window, and when the reports were asked for: where
		// the time goes when the p99 misses.
		const timeline = Array.from({ length: Math.ceil(seconds / 2) }, (_, k) =>
			percentile(arrivals.latencies(start + k * 2000, start + (k + 1) * 2000), 0.99)
		);
		return {
			timeline,
			reportsAskedAtSeconds: Array.from(
				{ length: options.reports ?? 0 },
				(_, i) => ((i + 1) * seconds) / ((options.reports ?? 0) + 1)
			),
			clientCpuMax: clients.max,
			clientCpuTotal: clients.total,
			clientRssMB: pool.rssMB(),
			connections: arrivals.clients,
			connectSeconds,
			p50: percentile(latencies, 0.5),
			p99: percentile(latencies, 0.99),
			max: percentile(latencies, 1),
			delivered: latencies.length / expected,
			cpuPercent: ((cpuSeconds(server.pid) - cpuBefore) / elapsed) * 100,
			rssMB: memory.rss,
			peakMB: memory.peak,
			drops: arrivals.drops,
			reportMs,
			warnings: { ...server.warnings }
		};
	} finally {
		await pool.close();
		await server.stop();
	}
}

export async function presenceRun(participants: number, seconds: number) {
	const server = await startServer('ours', { rooms: 1, participants });
	const room = server.rooms[0]!;
	const pool = await LoadPool.start();
	try {
		await pool.connect(
			server.url,
			room.keys.map((key, i) => ({ room: room.id, key, author: room.ids[i]! }))
		);
		await sleep(1000);
		const before = (await pool.collect()).presenceChanges;
		const cpuBefore = cpuSeconds(server.pid);
		const workersBefore = pool.cpu();
		const start = now();
		await pool.move(start + seconds * 1000);
		const elapsed = (now() - start) / 1000;
		const clients = workerCpu(workersBefore, pool.cpu(), elapsed);
		const collected = await pool.collect();
		return {
			cpuPercent: ((cpuSeconds(server.pid) - cpuBefore) / elapsed) * 100,
			clientCpuMax: clients.max,
			clientCpuTotal: clients.total,
			changesSeenPerClientPerSecond:
				(collected.presenceChanges - before) / collected.clients / elapsed,
			rssMB: memoryMB(server.pid).rss,
			drops: collected.drops
		};
	} finally {
		await pool.close();
		await server.stop();
	}
}

type CrowdRun = Awaited<ReturnType<typeof crowdRun>>;

const of = <T>(runs: T[], pick: (run: T) => number) => {
	const values = runs.map(pick);
	return { value: median(values), runs: values };
};

function crowdRows(scenario: string, label: string, runs: CrowdRun[], targets: Targets): Row[] {
	const row = (
		what: string,
		unit: string,
		target: number | null,
		pick: (run: CrowdRun) => number
	): Row => ({ scenario, what: `${label}: ${what}`, unit, target, ...of(runs, pick) });
	const rows = [
		row('time to connect all', 's', null, (r) => r.connectSeconds),
		row('p50 latency', 'ms', null, (r) => r.p50),
		row('p99 latency', 'ms', targets.p99, (r) => r.p99),
		row('slowest arrival', 'ms', null, (r) => r.max),
		row('share delivered', '%', null, (r) => r.delivered * 100),
		row('server CPU', '% of a core', null, (r) => r.cpuPercent),
		row('server RSS (peak)', 'MB', targets.rssMB, (r) => r.peakMB),
		row('connections dropped', '', 0, (r) => r.drops),
		row('load generator CPU, busiest process', '% of a core', null, (r) => r.clientCpuMax),
		row('load generator CPU, all processes', '% of a core', null, (r) => r.clientCpuTotal)
	];
	if (runs[0]!.reportMs.length > 0)
		rows.push(
			row('PDF reports made during the window, slowest', 'ms', null, (r) => Math.max(...r.reportMs))
		);
	return rows;
}
type Targets = { p99: number; rssMB: number };

export async function run(
	quick = false,
	log: (line: string) => void = () => {},
	only?: string[],
	profileDir?: string
) {
	const wanted = (scenario: string) => !only || only.includes(scenario);
	const rows: Row[] = [];
	const details: Record<string, unknown> = {};
	if (wanted('3')) {
		const crowd: CrowdRun[] = [];
		for (let i = 0; i < (quick ? 1 : 3); i++) crowd.push(await crowdRun(100, 30, quick ? 10 : 20));
		log('scenario 3: 100 rooms × 30 participants done');
		rows.push(...crowdRows('3', '100 rooms × 30 participants', crowd, { p99: 50, rssMB: 600 }));
		details.crowd = crowd;
	}
	if (wanted('8')) {
		const large: CrowdRun[] = [];
		const [rooms, runs] = quick ? [50, 1] : [250, 2];
		for (let i = 0; i < runs; i++)
			large.push(
				await crowdRun(rooms, 40, quick ? 10 : 20, {
					reports: 2,
					batch: 100,
					cpuProfileDir: i === 0 ? profileDir : undefined
				})
			);
		log(`scenario 8: ${rooms} rooms × 40 participants done`);
		rows.push(
			...crowdRows('8', `${rooms} rooms × 40 participants`, large, { p99: 100, rssMB: 1024 })
		);
		details.large = large;
	}
	if (wanted('4')) {
		const presence: Awaited<ReturnType<typeof presenceRun>>[] = [];
		for (let i = 0; i < (quick ? 1 : 3); i++) presence.push(await presenceRun(200, quick ? 6 : 10));
		log('scenario 4: presence storm done');
		const four = (
			what: string,
			unit: string,
			target: number | null,
			pick: (run: (typeof presence)[number]) => number
		): Row => ({
			scenario: '4',
			what: `presence storm, 200 clients at 2 Hz: ${what}`,
			unit,
			target,
			...of(presence, pick)
		});
		rows.push(
			four('server CPU', '% of a core', 50, (r) => r.cpuPercent),
			four('presence changes seen per client', '/s', null, (r) => r.changesSeenPerClientPerSecond),
			four('server RSS', 'MB', null, (r) => r.rssMB),
			four('load generator CPU, busiest process', '% of a core', null, (r) => r.clientCpuMax)
		);
		details.presence = presence;
	}
	return { rows, details };
}
