// Scenario 3: 100 rooms × 30 participants (3,000 connections), three writers per room each
// adding a note every two seconds. Scenario 4: presence storm, 200 clients in one room each
// moving its cursor (awareness) twice a second.
import { closeAll, connectAll, Deliveries, median, percentile, sleep } from './lib/clients';
import type { Row } from './lib/rows';
import { cpuSeconds, memoryMB, startServer } from './lib/servers';

const WRITERS_PER_ROOM = 3;
const WRITE_INTERVAL_MS = 2000;

export async function crowdRun(rooms: number, participants: number, seconds: number) {
	const server = await startServer('ours', { rooms, participants });
	const connectStart = performance.now();
	const clients = await connectAll(
		server.url,
		server.rooms.flatMap((room) =>
			room.keys.map((key, i) => ({ room: room.id, key, author: room.ids[i]! }))
		)
	);
	const connectSeconds = (performance.now() - connectStart) / 1000;
	try {
		const deliveries = new Deliveries();
		const writers = server.rooms.flatMap((_room, r) =>
			clients.slice(r * participants, r * participants + WRITERS_PER_ROOM)
		);
		for (const client of clients) deliveries.watch(client);
		await sleep(1000);
		const cpuBefore = cpuSeconds(server.pid);
		const clientBefore = process.cpuUsage();
		const start = performance.now();
		await Promise.all(
			writers.map(async (writer, w) => {
				const offset = Math.random() * WRITE_INTERVAL_MS;
				for (let i = 0; offset + i * WRITE_INTERVAL_MS < seconds * 1000; i++) {
					await sleep(start + offset + i * WRITE_INTERVAL_MS - performance.now());
					deliveries.write(writer, `w${w}n${i}`, participants - 1);
				}
			})
		);
		await deliveries.drain(5000);
		const elapsed = (performance.now() - start) / 1000;
		const memory = memoryMB(server.pid);
		const client = process.cpuUsage(clientBefore);
		return {
			clientCpuPercent: ((client.user + client.system) / 1e6 / elapsed) * 100,
			connections: clients.length,
			connectSeconds,
			p50: percentile(deliveries.latencies, 0.5),
			p99: percentile(deliveries.latencies, 0.99),
			delivered: deliveries.latencies.length / deliveries.expected,
			cpuPercent: ((cpuSeconds(server.pid) - cpuBefore) / elapsed) * 100,
			rssMB: memory.rss,
			peakMB: memory.peak,
			drops: clients.reduce((sum, client) => sum + client.drops, 0),
			warnings: { ...server.warnings }
		};
	} finally {
		closeAll(clients);
		await server.stop();
	}
}

export async function presenceRun(participants: number, seconds: number) {
	const server = await startServer('ours', { rooms: 1, participants });
	const room = server.rooms[0]!;
	const clients = await connectAll(
		server.url,
		room.keys.map((key, i) => ({ room: room.id, key, author: room.ids[i]! }))
	);
	try {
		let received = 0;
		for (const client of clients) client.provider.awareness.on('change', () => received++);
		await sleep(1000);
		const cpuBefore = cpuSeconds(server.pid);
		const clientBefore = process.cpuUsage();
		const start = performance.now();
		const timers = clients.map((client, c) =>
			setTimeout(() => {
				const move = () =>
					client.provider.awareness.setLocalStateField('cursor', {
						x: Math.round(Math.random() * 1000),
						y: Math.round(Math.random() * 1000),
						step: 'brainstorm'
					});
				move();
				timers[c] = setInterval(move, 500);
			}, Math.random() * 500)
		);
		await sleep(seconds * 1000);
		for (const timer of timers) clearInterval(timer);
		const elapsed = (performance.now() - start) / 1000;
		const client = process.cpuUsage(clientBefore);
		return {
			cpuPercent: ((cpuSeconds(server.pid) - cpuBefore) / elapsed) * 100,
			clientCpuPercent: ((client.user + client.system) / 1e6 / elapsed) * 100,
			changesSeenPerClientPerSecond: received / clients.length / elapsed,
			rssMB: memoryMB(server.pid).rss,
			drops: clients.reduce((sum, c) => sum + c.drops, 0)
		};
	} finally {
		closeAll(clients);
		await server.stop();
	}
}

export async function run(quick = false, log: (line: string) => void = () => {}) {
	const rows: Row[] = [];
	const crowd: Awaited<ReturnType<typeof crowdRun>>[] = [];
	for (let i = 0; i < (quick ? 1 : 3); i++) crowd.push(await crowdRun(100, 30, quick ? 10 : 20));
	log('scenario 3: 100 rooms × 30 participants done');
	const of = <T>(runs: T[], pick: (run: T) => number) => {
		const values = runs.map(pick);
		return { value: median(values), runs: values };
	};
	const three = (
		what: string,
		unit: string,
		target: number | null,
		pick: (run: (typeof crowd)[number]) => number
	): Row => ({
		scenario: '3',
		what: `100 rooms × 30 participants: ${what}`,
		unit,
		target,
		...of(crowd, pick)
	});
	rows.push(
		three('time to connect all 3,000', 's', null, (r) => r.connectSeconds),
		three('p50 latency', 'ms', null, (r) => r.p50),
		three('p99 latency', 'ms', 50, (r) => r.p99),
		three('share delivered', '%', null, (r) => r.delivered * 100),
		three('server CPU', '% of a core', null, (r) => r.cpuPercent),
		three('server RSS (peak)', 'MB', 600, (r) => r.peakMB),
		three('connections dropped', '', 0, (r) => r.drops)
	);
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
		four('server RSS', 'MB', null, (r) => r.rssMB)
	);
	return { rows, details: { crowd, presence } };
}
