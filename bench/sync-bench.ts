// Scenarios 1 and 2: one room with 2, 10, 50 and 200 participants, one of them writing ten notes
// a second; broadcast latency, share delivered, server CPU and memory. The 200-participant room
// is also measured against the upstream reference server in the same run (runs interleaved).
import { closeAll, connectAll, Deliveries, median, percentile, sleep } from './lib/clients';
import type { Row } from './lib/rows';
import { cpuSeconds, memoryMB, startServer, type ServerKind } from './lib/servers';

const WRITES_PER_SECOND = 10;

export type RoomRun = {
	p50: number;
	p95: number;
	p99: number;
	delivered: number;
	cpuPercent: number;
	rssMB: number;
	clientCpuPercent: number;
	drops: number;
	warnings: Record<string, number>;
};

/** One fresh server, one room of `participants` clients, one writer for `seconds`. */
export async function roomRun(
	kind: ServerKind,
	participants: number,
	seconds: number
): Promise<RoomRun> {
	const server = await startServer(kind, { rooms: 1, participants });
	const room = server.rooms[0]!;
	const clients = await connectAll(
		server.url,
		room.keys.map((key, i) => ({ room: room.id, key, author: room.ids[i]! }))
	);
	try {
		const deliveries = new Deliveries();
		for (const client of clients.slice(1)) deliveries.watch(client);
		await sleep(500); // let the joining presence settle
		const writes = seconds * WRITES_PER_SECOND;
		const cpuBefore = cpuSeconds(server.pid);
		const clientBefore = process.cpuUsage();
		const start = performance.now();
		for (let i = 0; i < writes; i++) {
			await sleep(start + (i * 1000) / WRITES_PER_SECOND - performance.now());
			deliveries.write(clients[0]!, `n${i}`, participants - 1);
		}
		await deliveries.drain(3000);
		const elapsed = (performance.now() - start) / 1000;
		const cpuPercent = ((cpuSeconds(server.pid) - cpuBefore) / elapsed) * 100;
		const client = process.cpuUsage(clientBefore);
		const { latencies, expected } = deliveries;
		return {
			p50: percentile(latencies, 0.5),
			p95: percentile(latencies, 0.95),
			p99: percentile(latencies, 0.99),
			delivered: latencies.length / expected,
			cpuPercent,
			rssMB: memoryMB(server.pid).rss,
			clientCpuPercent: ((client.user + client.system) / 1e6 / elapsed) * 100,
			drops: clients.reduce((sum, c) => sum + c.drops, 0),
			warnings: { ...server.warnings }
		};
	} finally {
		closeAll(clients);
		await server.stop();
	}
}

function rowsFor(scenario: string, label: string, runs: RoomRun[], p99Target: number | null) {
	const of = (pick: (run: RoomRun) => number) => {
		const values = runs.map(pick);
		return { value: median(values), runs: values };
	};
	const row = (
		what: string,
		unit: string,
		pick: (run: RoomRun) => number,
		target = null as number | null
	): Row => ({
		scenario,
		what: `${label}: ${what}`,
		unit,
		target,
		...of(pick)
	});
	return [
		row('p50 latency', 'ms', (r) => r.p50),
		row('p95 latency', 'ms', (r) => r.p95),
		row('p99 latency', 'ms', (r) => r.p99, p99Target),
		row('share delivered', '%', (r) => r.delivered * 100),
		row('server CPU', '% of a core', (r) => r.cpuPercent),
		row('server RSS', 'MB', (r) => r.rssMB)
	];
}

export async function run(quick = false, log: (line: string) => void = () => {}) {
	const seconds = quick ? 5 : 10;
	// Every y-websocket client renews its presence every 15 s for as long as it is connected: a
	// 20 s window has those renewals in it, as every minute of a real session has.
	const crowdSeconds = quick ? 5 : 20;
	const pairs = quick ? 2 : 5;
	const smallRuns = quick ? 1 : 3;
	const rows: Row[] = [];
	const details: Record<string, RoomRun[]> = {};
	for (const participants of [2, 10, 50]) {
		const results: RoomRun[] = [];
		for (let i = 0; i < smallRuns; i++) results.push(await roomRun('ours', participants, seconds));
		details[`ours-${participants}`] = results;
		log(`scenario 1: ${participants} participants done`);
		rows.push(...rowsFor('1', `${participants} participants`, results, null));
	}
	// 200 participants: ours and the reference in pairs, so both see the same machine load, and
	// each goes first in every other pair. The ratio is a median of five pairs: one pair's ratio
	// swings by ±20 % with the machine.
	const ours: RoomRun[] = [];
	const reference: RoomRun[] = [];
	for (let i = 0; i < pairs; i++) {
		if (i % 2 === 0) ours.push(await roomRun('ours', 200, crowdSeconds));
		reference.push(await roomRun('reference', 200, crowdSeconds));
		if (i % 2 === 1) ours.push(await roomRun('ours', 200, crowdSeconds));
	}
	details['ours-200'] = ours;
	details['reference-200'] = reference;
	log('scenario 1/2: 200 participants, ours and reference, done');
	rows.push(...rowsFor('1', '200 participants', ours, null));
	rows.push(...rowsFor('2', 'reference, 200 participants', reference, null));
	const ratios = ours.map((run, i) => run.p99 / reference[i]!.p99);
	rows.push({
		scenario: '2',
		what: 'p99 latency ratio ours / reference (200 participants, ours persists every update)',
		value: median(ratios),
		runs: ratios,
		unit: '×',
		target: 1.0
	});
	return { rows, details };
}
