// No single point of failure: two instances on one PostgreSQL database behind HAProxy (the
// configuration in deploy/haproxy.cfg, as shipped), 40 raw y-websocket clients in 4 rooms
// writing through HAProxy. One instance is killed with SIGKILL mid-session; then both are
// restarted one after the other (SIGTERM). Skipped where postgresql or haproxy is not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, notesFromYdoc } from '../../src/lib/board';
import { SyncPostgres } from '../../src/lib/server/store/pg-sync';
import { migratePostgres } from '../../src/lib/server/store/postgres';
import { RoomRepository } from '../../src/lib/server/rooms';
import type { DB } from '../../src/lib/server/db';
import { connect, synced, until, type Client } from '../helpers/server';
import {
	connectionsOf,
	haproxyAvailable,
	healthy,
	startHaproxy,
	startInstance as startProcess,
	stopInstance,
	type Haproxy,
	type Instance
} from './instances';
import { freePort, postgresAvailable, startCluster, type Cluster } from './postgres-cluster';

const ROOMS = 4;
const PER_ROOM = 10;
const WRITE_EVERY_MS = 150;

const startInstance = (instance: Instance, databaseUrl: string) =>
	startProcess(instance, {
		DATABASE_URL: databaseUrl,
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1',
		PING_INTERVAL_SECONDS: '5'
	});

type Room = { id: string; viewerKey: string; writers: { key: string; id: string }[] };

function createRooms(databaseUrl: string): Room[] {
	const db = new SyncPostgres(databaseUrl);
	try {
		migratePostgres(db);
		const rooms = new RoomRepository(db as unknown as DB);
		return Array.from({ length: ROOMS }, (_, r) => {
			const room = rooms.create({ title: `Zaal ${r}`, workshop: 'visievorming-zorgzame-buurten' });
			const writers = Array.from({ length: PER_ROOM }, () => {
				const p = rooms.addParticipant(room.id, '', 100);
				return { key: p.key, id: p.id };
			});
			return { id: room.id, viewerKey: room.viewerKey, writers };
		});
	} finally {
		db.close();
	}
}

type Writer = { client: Client; room: number; index: number; author: string; written: number };

const noteIds = (c: Client) => notesFromYdoc(c.doc).map((n) => n.id);
const own = (w: Writer) => `r${w.room}w${w.index}-`;

describe.skipIf(!postgresAvailable() || !haproxyAvailable())('failover behind HAProxy', () => {
	let cluster: Cluster;
	let databaseUrl = '';
	let haproxy: Haproxy | null = null;
	let proxyPort = 0;
	const instances: Instance[] = [];
	let rooms: Room[] = [];
	const writers: Writer[] = [];
	let writing: ReturnType<typeof setInterval> | null = null;
	const url = () => `ws://127.0.0.1:${proxyPort}/sync`;

	const startWriting = () => {
		writing = setInterval(() => {
			for (const w of writers) {
				const id = `${own(w)}${w.written++}`;
				addNote(w.client.doc, {
					id,
					text: id,
					step: 'kennismaking',
					author: w.author,
					authorName: '',
					created: Date.now()
				});
			}
		}, WRITE_EVERY_MS);
	};
	const stopWriting = () => {
		if (writing) clearInterval(writing);
		writing = null;
	};
	/** Notes each client has received from other clients (not its own). */
	const seenFromOthers = () => {
		const seen = rooms.map(() => new Set<string>());
		for (const w of writers)
			for (const id of noteIds(w.client)) if (!id.startsWith(own(w))) seen[w.room]!.add(id);
		return seen;
	};
	/** Every note every writer made (clients keep their own changes and send them again). */
	const allWritten = () => {
		const all = rooms.map(() => new Set<string>());
		for (const w of writers) for (const id of noteIds(w.client)) all[w.room]!.add(id);
		return all;
	};
	const converged = () => {
		const all = allWritten();
		return writers.every((w) => noteIds(w.client).length === all[w.room]!.size);
	};
	/** A fresh client per room through HAProxy: what is stored. */
	const stored = async () => {
		const readers = rooms.map((room) => connect(url(), room.id, 'board', room.viewerKey));
		try {
			await Promise.all(readers.map(synced));
			return readers.map((r) => new Set(noteIds(r)));
		} finally {
			for (const r of readers) r.destroy();
		}
	};

	const closeCodes = new Map<Writer, number[]>();
	/** What went wrong, for a failure message: clients not back, and what the instances logged. */
	const diagnose = () => {
		const stuck = writers
			.filter((w) => !w.client.provider.wsconnected || !w.client.provider.synced)
			.slice(0, 6)
			.map(
				(w) =>
					`r${w.room}w${w.index} connected=${w.client.provider.wsconnected} synced=${w.client.provider.synced} closes=${(closeCodes.get(w) ?? []).slice(-5).join(',')}`
			);
		const logs = instances.map((i) =>
			i.log
				.split('\n')
				.filter((line) => /"(warn|error)"/.test(line))
				.slice(-6)
				.join('\n')
		);
		return `${stuck.join('; ')}\n${logs.join('\n---\n')}`;
	};

	beforeAll(async () => {
		cluster = await startCluster();
		databaseUrl = await cluster.database();
		rooms = createRooms(databaseUrl);
		const [p1, p2, pp] = [await freePort(), await freePort(), await freePort()];
		proxyPort = pp;
		instances.push({ port: p1, child: null, log: '' }, { port: p2, child: null, log: '' });
		await Promise.all(instances.map((i) => startInstance(i, databaseUrl)));
		haproxy = await startHaproxy(proxyPort, p1, p2);
		rooms.forEach((room, r) =>
			room.writers.forEach((p, index) =>
				writers.push({
					client: connect(url(), room.id, 'board', p.key),
					room: r,
					index,
					author: p.id,
					written: 0
				})
			)
		);
		await Promise.all(writers.map((w) => synced(w.client)));
		for (const w of writers) {
			closeCodes.set(w, []);
			w.client.provider.on('connection-close', (event) =>
				closeCodes.get(w)!.push(event?.code ?? 0)
			);
		}
	}, 120_000);

	afterAll(async () => {
		stopWriting();
		for (const w of writers) w.client.destroy();
		await Promise.all(instances.map((i) => stopInstance(i, 'SIGKILL')));
		await haproxy?.stop();
		await cluster?.stop();
	});

	it('both instances serve the rooms: writers on either see each other', async () => {
		startWriting();
		await until(
			() => seenFromOthers().every((seen) => seen.size >= 100),
			30_000,
			'notes to flow in every room'
		);
		// leastconn spreads the 40 sockets over both instances.
		const counts = await Promise.all(instances.map((i) => connectionsOf(i.port)));
		expect(counts.every((n) => n > 0)).toBe(true);
	});

	it('SIGKILL of one instance: every client reconnects to the other, nothing seen is lost, the rooms go on', async () => {
		const victim = instances[0]!;
		await stopInstance(victim, 'SIGKILL');
		const seenAtKill = seenFromOthers();
		// Every client is back (through HAProxy, so on the surviving instance) …
		await until(
			() => writers.every((w) => w.client.provider.wsconnected && w.client.provider.synced),
			30_000,
			() => `every client to reconnect: ${diagnose()}`
		);
		// … and the rooms go on: notes written after the kill reach the others.
		const after = writers.map((w) => w.written);
		await until(
			() =>
				writers.every((w) => {
					const other = writers.find((o) => o.room === w.room && o !== w)!;
					return noteIds(other.client).includes(`${own(w)}${after[writers.indexOf(w)]! + 2}`);
				}),
			30_000,
			() =>
				`new notes in every room; the other instance logged: ${instances[1]!.log
					.split('\n')
					.filter((line) => /"(warn|error)"/.test(line))
					.slice(-8)
					.join('\n')}`
		);
		const now = await stored();
		rooms.forEach((_, r) => {
			for (const id of seenAtKill[r]!)
				expect(now[r]!.has(id), `${id} was seen by another client but lost`).toBe(true);
		});
		await startInstance(victim, databaseUrl);
	});

	it('a rolling restart of both instances (SIGTERM) loses nothing', async () => {
		for (const instance of instances) {
			const started = Date.now();
			while (!(await healthy(instance.port))) {
				if (Date.now() - started > 20_000) throw new Error('instance not healthy');
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
			// HAProxy has seen it up (rise 2 × inter 1 s) before the other one goes down.
			await new Promise((resolve) => setTimeout(resolve, 3000));
			await stopInstance(instance, 'SIGTERM');
			await startInstance(instance, databaseUrl);
		}
		await new Promise((resolve) => setTimeout(resolve, 3000));
		stopWriting();
		await until(converged, 60_000, () => {
			const all = allWritten();
			const behind = writers.filter((w) => noteIds(w.client).length !== all[w.room]!.size);
			const state = behind
				.slice(0, 6)
				.map(
					(w) =>
						`r${w.room}w${w.index}: ${noteIds(w.client).length}/${all[w.room]!.size} connected=${w.client.provider.wsconnected} synced=${w.client.provider.synced}`
				)
				.join('; ');
			const logs = instances
				.map((i) =>
					i.log
						.split('\n')
						.filter((line) => /"(warn|error)"/.test(line))
						.slice(-5)
						.join('\n')
				)
				.join('\n---\n');
			return `convergence (${behind.length} clients behind: ${state})\n${logs}`;
		});
		const everything = allWritten();
		const now = await stored();
		rooms.forEach((_, r) => {
			expect(now[r]!.size).toBe(everything[r]!.size);
			for (const w of writers.filter((x) => x.room === r))
				for (let n = 0; n < w.written; n++)
					expect(now[r]!.has(`${own(w)}${n}`), `${own(w)}${n} lost`).toBe(true);
		});
	});
});
