// Scenario 9: two instances on one PostgreSQL database behind HAProxy (deploy/haproxy.cfg, as
// the failover test runs it) against one instance on SQLite, in the same run, in pairs (each
// going first in every other pair). 4 rooms × 40 clients, one writer per room; the clients of
// the two-instance setup connect through HAProxy, which spreads them over both instances, so
// most notes cross from one instance to the other (PostgreSQL's NOTIFY, then a read of the
// shared log). Two phases on the same connections: 10 notes a second per room (latency), then
// 30 (throughput; a key may send 40 updates a second). Presence renewals are held outside the
// windows, as in scenario 2. The instances are tests/failover/instance.js (the sync server and
// /healthz, run from the sources), the same code for both setups.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/lib/server/app';
import { loadConfig } from '../src/lib/server/config';
import { silentLogger } from '../src/lib/server/log';
import {
	connectionsOf,
	haproxyAvailable,
	startHaproxy,
	startInstance,
	stopInstance,
	type Haproxy,
	type Instance
} from '../tests/failover/instances';
import {
	freePort,
	postgresAvailable,
	startCluster,
	type Cluster
} from '../tests/failover/postgres-cluster';
import { median, percentile } from './lib/clients';
import { LoadPool, now, workerCpu } from './lib/pool';
import type { Row } from './lib/rows';
import { cpuSeconds } from './lib/servers';
import type { BenchRoom } from './servers/ours';

const ROOMS = 4;
const PER_ROOM = 40;
const PHASES = [
	{ name: 'latency', notesPerSecond: 10 },
	{ name: 'throughput', notesPerSecond: 30 }
] as const;

type Setup = 'sqlite' | 'postgres';
const LABEL: Record<Setup, string> = {
	sqlite: 'one instance, SQLite',
	postgres: 'two instances, PostgreSQL, HAProxy'
};

// As bench/lib/servers.ts: every client comes from 127.0.0.1.
const BENCH_ENV = {
	CONNECTIONS_PER_ADDRESS: '100000',
	CONNECTIONS_PER_ROOM: '100000',
	PARTICIPANTS_PER_ROOM: '100000',
	RETENTION_DAYS: '0'
};

/** Makes the rooms in the store the instances will use, as bench/servers/ours.ts does. */
async function makeRooms(env: Record<string, string>): Promise<BenchRoom[]> {
	const app = createApp(loadConfig({ ...process.env, ...env }), silentLogger);
	try {
		return Array.from({ length: ROOMS }, (_, r) => {
			const room = app.rooms.create({
				title: `Bench ${r}`,
				workshop: 'visievorming-zorgzame-buurten'
			});
			const participants = Array.from({ length: PER_ROOM }, () =>
				app.rooms.addParticipant(room.id, '', Number.MAX_SAFE_INTEGER)
			);
			return {
				id: room.id,
				keys: participants.map((p) => p.key),
				ids: participants.map((p) => p.id)
			};
		});
	} finally {
		await app.close();
	}
}

type Started = { url: string; rooms: BenchRoom[]; instances: Instance[]; stop(): Promise<void> };

async function startSetup(setup: Setup, cluster: Cluster): Promise<Started> {
	const instances: Instance[] = [];
	let haproxy: Haproxy | null = null;
	const stop = async () => {
		await haproxy?.stop();
		await Promise.all(instances.map((instance) => stopInstance(instance, 'SIGTERM')));
	};
	try {
		if (setup === 'sqlite') {
			const env = { ...BENCH_ENV, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-bench-')) };
			const rooms = await makeRooms(env);
			instances.push({ port: await freePort(), child: null, log: '' });
			await startInstance(instances[0]!, env);
			return { url: `ws://127.0.0.1:${instances[0]!.port}/sync`, rooms, instances, stop };
		}
		const env = {
			...BENCH_ENV,
			DATABASE_URL: await cluster.database(),
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		};
		const rooms = await makeRooms({
			...env,
			DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-bench-'))
		});
		for (let i = 0; i < 2; i++) instances.push({ port: await freePort(), child: null, log: '' });
		await Promise.all(instances.map((instance) => startInstance(instance, env)));
		const proxyPort = await freePort();
		haproxy = await startHaproxy(proxyPort, instances[0]!.port, instances[1]!.port);
		return { url: `ws://127.0.0.1:${proxyPort}/sync`, rooms, instances, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

export type PhaseResult = {
	p50: number;
	p99: number;
	delivered: number;
	/** Arrivals (a note at a client) per second of the window, of the notes sent in it. */
	arrivalsPerSecond: number;
	/** All instances together, % of one core. */
	serverCpu: number;
	clientCpuMax: number;
};

export type ClusterRun = {
	setup: Setup;
	/** Connections each instance held once all clients were in. */
	spread: number[];
	phases: Record<(typeof PHASES)[number]['name'], PhaseResult>;
	drops: number;
};

async function clusterRun(setup: Setup, cluster: Cluster, seconds: number): Promise<ClusterRun> {
	const started = await startSetup(setup, cluster);
	const pool = await LoadPool.start();
	try {
		const seats = started.rooms.flatMap((room) =>
			room.keys.map((key, i) => ({ room: room.id, key, author: room.ids[i]! }))
		);
		await pool.connect(started.url, seats, 40);
		const spread = await Promise.all(started.instances.map((i) => connectionsOf(i.port)));
		await pool.holdPresence();
		await pool.settle();
		const phases = {} as ClusterRun['phases'];
		let expected = 0;
		for (const phase of PHASES) {
			const start = now() + 100;
			const notes = started.rooms.flatMap((_, r) =>
				Array.from({ length: seconds * phase.notesPerSecond }, (_, i) => ({
					seat: r * PER_ROOM,
					id: `${phase.name}-r${r}n${i}`,
					at: start + (i * 1000) / phase.notesPerSecond
				}))
			);
			expected += notes.length * (PER_ROOM - 1);
			const pids = started.instances.map((instance) => instance.child!.pid!);
			const cpuBefore = pids.map(cpuSeconds);
			const workersBefore = pool.cpu();
			await pool.write(notes);
			await pool.drain(expected, 3000);
			const elapsed = (now() - start) / 1000;
			const serverCpu = pids.reduce(
				(sum, pid, i) => sum + ((cpuSeconds(pid) - cpuBefore[i]!) / elapsed) * 100,
				0
			);
			const clients = workerCpu(workersBefore, pool.cpu(), elapsed);
			const latencies = (await pool.collect()).latencies(start, start + seconds * 1000);
			phases[phase.name] = {
				p50: percentile(latencies, 0.5),
				p99: percentile(latencies, 0.99),
				delivered: latencies.length / (notes.length * (PER_ROOM - 1)),
				arrivalsPerSecond: latencies.length / seconds,
				serverCpu,
				clientCpuMax: clients.max
			};
		}
		return { setup, spread, phases, drops: (await pool.collect()).drops };
	} finally {
		await pool.close();
		await started.stop();
	}
}

function rows(runs: ClusterRun[]): Row[] {
	const out: Row[] = [];
	const of = (values: number[]) => ({ value: median(values), runs: values });
	const bySetup = (setup: Setup) => runs.filter((run) => run.setup === setup);
	for (const phase of PHASES) {
		const label = `${ROOMS} rooms × ${PER_ROOM}, ${phase.notesPerSecond} notes/s per room`;
		for (const setup of ['sqlite', 'postgres'] as const) {
			const pick = (f: (p: PhaseResult) => number) =>
				of(bySetup(setup).map((run) => f(run.phases[phase.name])));
			const what = `${LABEL[setup]}, ${label}`;
			out.push(
				{
					scenario: '9',
					what: `${what}: p50 latency`,
					unit: 'ms',
					target: null,
					...pick((p) => p.p50)
				},
				{
					scenario: '9',
					what: `${what}: p99 latency`,
					unit: 'ms',
					target: null,
					...pick((p) => p.p99)
				},
				{
					scenario: '9',
					what: `${what}: arrivals delivered per second (offered ${ROOMS * phase.notesPerSecond * (PER_ROOM - 1)})`,
					unit: '/s',
					target: null,
					...pick((p) => p.arrivalsPerSecond)
				},
				{
					scenario: '9',
					what: `${what}: share delivered`,
					unit: '%',
					target: null,
					...pick((p) => p.delivered * 100)
				},
				{
					scenario: '9',
					what: `${what}: server CPU, all instances`,
					unit: '% of a core',
					target: null,
					...pick((p) => p.serverCpu)
				}
			);
		}
		// Pairs ran back to back, so each ratio compares the two setups on the same machine load.
		const pairs = bySetup('postgres').map(
			(run, i) => run.phases[phase.name].p99 / bySetup('sqlite')[i]!.phases[phase.name].p99
		);
		out.push({
			scenario: '9',
			what: `p99 two instances / one instance, ${label}`,
			unit: '×',
			target: null,
			...of(pairs)
		});
	}
	for (const setup of ['sqlite', 'postgres'] as const)
		out.push({
			scenario: '9',
			what: `${LABEL[setup]}: connections dropped`,
			unit: '',
			target: null,
			...of(bySetup(setup).map((run) => run.drops))
		});
	return out;
}

/** Why the scenario cannot run here, or null. */
export function missing(): string | null {
	const absent = [
		postgresAvailable() ? null : 'initdb (apt-get install postgresql)',
		haproxyAvailable() ? null : 'haproxy (apt-get install haproxy)'
	].filter((name) => name !== null);
	return absent.length > 0 ? `scenario 9 skipped: ${absent.join(' and ')} not installed` : null;
}

export async function run(quick = false, log: (line: string) => void = () => {}) {
	const skipped = missing();
	if (skipped) {
		log(skipped);
		return { rows: [] as Row[], details: { skipped } };
	}
	const cluster = await startCluster();
	const runs: ClusterRun[] = [];
	try {
		for (let pair = 0; pair < (quick ? 1 : 3); pair++) {
			const order: Setup[] = pair % 2 === 0 ? ['sqlite', 'postgres'] : ['postgres', 'sqlite'];
			for (const setup of order) runs.push(await clusterRun(setup, cluster, quick ? 5 : 10));
			log(`scenario 9: pair ${pair + 1} done`);
		}
	} finally {
		await cluster.stop();
	}
	return { rows: rows(runs), details: { runs } };
}
