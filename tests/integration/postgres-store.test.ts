// PostgreSQL as the store: two real instances (each an app with its own HTTP server) on one
// throwaway PostgreSQL cluster, real y-websocket clients. Skipped where PostgreSQL is not
// installed; CI installs it (.ci/run).
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, notesFromYdoc } from '../../src/lib/board';
import { createApp, type App } from '../../src/lib/server/app';
import { loadConfig, type Limits } from '../../src/lib/server/config';
import { MIGRATIONS } from '../../src/lib/server/db';
import { silentLogger, type Logger } from '../../src/lib/server/log';
import type { PgDocStore } from '../../src/lib/server/store/pg-doc-store';
import { PG_MIGRATIONS } from '../../src/lib/server/store/pg-schema';
import { SyncPostgres, toPostgres } from '../../src/lib/server/store/pg-sync';
import { CLOSE } from '../../src/lib/server/sync/close-codes';
import { postgresAvailable, startCluster, type Cluster } from '../failover/postgres-cluster';
import {
	connect,
	sleep,
	synced,
	tempDataDir,
	testNote,
	until,
	type Client
} from '../helpers/server';

it('has a PostgreSQL migration for every SQLite migration (add one to both lists)', () => {
	expect(PG_MIGRATIONS).toHaveLength(MIGRATIONS.length);
});

it('turns SQLite placeholders and INSERT OR IGNORE into PostgreSQL', () => {
	expect(toPostgres('SELECT * FROM rooms WHERE id = ? AND join_code = ?')).toBe(
		'SELECT * FROM rooms WHERE id = $1 AND join_code = $2'
	);
	expect(toPostgres('INSERT OR IGNORE INTO t (a) VALUES (?)')).toBe(
		'INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING'
	);
});

type Instance = { app: App; url: string; stop(): Promise<void> };

async function startInstance(
	databaseUrl: string,
	limits: Partial<Limits> = {},
	log: Logger = silentLogger
): Promise<Instance> {
	const base = loadConfig({ DATA_DIR: tempDataDir() });
	const app = createApp({ ...base, databaseUrl, limits: { ...base.limits, ...limits } }, log);
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (request, socket, head) => {
		if (!app.sync.handleUpgrade(request, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	let stopped = false;
	return {
		app,
		url: `ws://127.0.0.1:${port}/sync`,
		async stop() {
			if (stopped) return;
			stopped = true;
			await app.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

const note = (id: string, author: string) => testNote(id, { author, step: 'kennismaking' });
const ids = (c: Client) =>
	notesFromYdoc(c.doc)
		.map((n) => n.id)
		.sort();

describe.skipIf(!postgresAvailable())('PostgreSQL store', () => {
	let cluster: Cluster;
	let databaseUrl = '';
	const instances: Instance[] = [];
	const clients: Client[] = [];

	const instance = async (limits: Partial<Limits> = {}, log?: Logger) => {
		const started = await startInstance(databaseUrl, limits, log);
		instances.push(started);
		await until(() => (started.app.store as PgDocStore).listening, 10_000, 'LISTEN');
		return started;
	};
	const client = (at: Instance, roomId: string, doc: string, key: string) => {
		const c = connect(at.url, roomId, doc, key);
		clients.push(c);
		return c;
	};
	const count = async (sql: string, params: unknown[], url = databaseUrl) => {
		const db = new pg.Client({ connectionString: url });
		await db.connect();
		try {
			return Number((await db.query(sql, params)).rows[0].n);
		} finally {
			await db.end();
		}
	};

	beforeAll(async () => {
		cluster = await startCluster();
	}, 60_000);
	afterAll(async () => {
		await cluster?.stop();
	});
	beforeEach(async () => {
		databaseUrl = await cluster.database();
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		for (const i of instances.splice(0)) await i.stop();
	});

	function newRoom(app: App) {
		const room = app.rooms.create({ title: 'Gedeeld', workshop: 'visievorming-zorgzame-buurten' });
		const participant = () => app.rooms.addParticipant(room.id, '', 500);
		return { room, participant };
	}

	it('serves one room from two instances, and keeps it when both restart', async () => {
		const one = await instance();
		const two = await instance();
		const { room, participant } = newRoom(one.app);
		const [p1, p2] = [participant(), participant()];
		// The key issued by one instance opens the room on the other: rooms live in PostgreSQL.
		const a = client(one, room.id, 'board', p1.key);
		const b = client(two, room.id, 'board', p2.key);
		await Promise.all([synced(a), synced(b)]);
		for (let i = 0; i < 5; i++) {
			addNote(a.doc, note(`a${i}`, p1.id));
			addNote(b.doc, note(`b${i}`, p2.id));
		}
		await until(() => ids(a).length === 10 && ids(b).length === 10, 10_000, 'both instances');
		expect(ids(a)).toEqual(ids(b));
		for (const c of clients.splice(0)) c.destroy();
		await one.stop();
		await two.stop();

		const three = await instance();
		const reader = client(three, room.id, 'board', room.viewerKey);
		await synced(reader);
		expect(ids(reader)).toEqual(ids(a));
	});

	it('sends an update to the others only once its INSERT has committed', async () => {
		const one = await instance();
		const { room, participant } = newRoom(one.app);
		const author = participant();
		const writer = client(one, room.id, 'board', author.key);
		const reader = client(one, room.id, 'board', participant().key);
		await Promise.all([synced(writer), synced(reader)]);
		const store = one.app.store;
		const append = store.append;
		let release = () => {};
		let appending = false;
		const gate = new Promise<void>((resolve) => (release = resolve));
		store.append = (...args: Parameters<typeof append>) => {
			appending = true;
			return gate.then(() => append.apply(store, args) as Promise<number>);
		};
		try {
			addNote(writer.doc, note('wacht', author.id));
			// The server applied it and is storing it. Anything sent now would arrive within a few
			// milliseconds: give it ample time.
			await until(() => appending, 10_000, 'the append');
			await sleep(300);
			// Not committed yet: nobody else has it, and a client that joins now is not sent it.
			expect(ids(reader)).toEqual([]);
			const late = client(one, room.id, 'board', room.viewerKey);
			await until(() => late.provider.wsconnected, 5000, 'the late client to connect');
			await sleep(300);
			expect(late.provider.synced).toBe(false);
			expect(ids(late)).toEqual([]);
			release();
			await until(() => ids(reader).length === 1 && ids(late).length === 1, 5000, 'the commit');
		} finally {
			store.append = append;
		}
		expect(
			await count('SELECT COUNT(*) AS n FROM doc_updates WHERE room_id = $1 AND doc = $2', [
				room.id,
				'board'
			])
		).toBeGreaterThanOrEqual(1);
	});

	it('broadcasts nothing it could not store: the writer is closed with 1011 and sends it again', async () => {
		const one = await instance();
		const { room, participant } = newRoom(one.app);
		const author = participant();
		const writer = client(one, room.id, 'board', author.key);
		const reader = client(one, room.id, 'board', participant().key);
		await Promise.all([synced(writer), synced(reader)]);
		const closes: number[] = [];
		writer.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
		const store = one.app.store;
		const append = store.append;
		let failed = false;
		store.append = (...args: Parameters<typeof append>) => {
			if (failed) return append.apply(store, args);
			failed = true;
			return Promise.reject(new Error('PostgreSQL went away (test)'));
		};
		try {
			addNote(writer.doc, note('verloren', author.id));
			await until(() => closes.includes(CLOSE.storageFailed), 5000, 'the writer to be told');
			expect(ids(reader)).toEqual([]);
			await until(() => ids(reader).length === 1, 10_000, 'the resent note');
		} finally {
			store.append = append;
		}
	});

	it('survives an append that fails while an earlier one is still committing', async () => {
		const one = await instance();
		const { room, participant } = newRoom(one.app);
		const author = participant();
		const writer = client(one, room.id, 'board', author.key);
		const reader = client(one, room.id, 'board', participant().key);
		await Promise.all([synced(writer), synced(reader)]);
		const closes: number[] = [];
		writer.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
		const store = one.app.store;
		const append = store.append;
		let calls = 0;
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		store.append = (...args: Parameters<typeof append>) => {
			calls++;
			if (calls === 1) return gate.then(() => append.apply(store, args) as Promise<number>);
			if (calls === 2) return Promise.reject(new Error('PostgreSQL went away (test)'));
			return append.apply(store, args);
		};
		try {
			addNote(writer.doc, note('een', author.id));
			await until(() => calls >= 1, 10_000, 'the first append');
			addNote(writer.doc, note('twee', author.id));
			await until(() => calls >= 2, 5000, 'the second append');
			// The failure waits behind the first append: the process must not take it for an
			// unhandled rejection (Vitest fails the run on one).
			await sleep(200);
			release();
			await until(() => closes.includes(CLOSE.storageFailed), 5000, 'the writer to be told');
			await until(() => ids(reader).length === 2, 10_000, 'both notes, sent again');
		} finally {
			store.append = append;
		}
	});

	it('numbers each document’s log without gaps while two instances write and compact it', async () => {
		const one = await instance({ compactAfterUpdates: 15 });
		const two = await instance({ compactAfterUpdates: 15 });
		const { room, participant } = newRoom(one.app);
		const people = Array.from({ length: 6 }, () => participant());
		const writers = people.map((p, i) => client(i % 2 ? two : one, room.id, 'board', p.key));
		await Promise.all(writers.map(synced));
		for (let round = 0; round < 15; round++)
			writers.forEach((w, i) => addNote(w.doc, note(`w${i}-${round}`, people[i]!.id)));
		await until(() => writers.every((w) => ids(w).length === 90), 20_000, 'every note everywhere');
		for (const c of clients.splice(0)) c.destroy();
		await one.stop();
		await two.stop();
		// Compacted along the way (fewer rows than updates), and nothing lost.
		expect(
			await count('SELECT COUNT(*) AS n FROM doc_updates WHERE room_id = $1 AND doc = $2', [
				room.id,
				'board'
			])
		).toBeLessThan(90);
		const three = await instance();
		const reader = client(three, room.id, 'board', room.viewerKey);
		await synced(reader);
		expect(ids(reader)).toHaveLength(90);
	});

	it('reads the log again when reading it failed, without waiting for the next change', async () => {
		const one = await instance();
		const two = await instance();
		const { room, participant } = newRoom(one.app);
		const author = participant();
		const writer = client(one, room.id, 'board', author.key);
		const reader = client(two, room.id, 'board', participant().key);
		await Promise.all([synced(writer), synced(reader)]);
		const store = two.app.store as PgDocStore;
		const readSince = store.readSince;
		let failed = 0;
		store.readSince = (...args: Parameters<typeof readSince>) => {
			if (failed++ === 0) return Promise.reject(new Error('connection reset (test)'));
			return readSince.apply(store, args);
		};
		try {
			addNote(writer.doc, note('eenmalig', author.id));
			await until(() => ids(reader).length === 1, 10_000, 'the note on the other instance');
		} finally {
			store.readSince = readSince;
		}
		expect(failed).toBeGreaterThanOrEqual(2);
	});

	it('shows who is online across instances', async () => {
		const one = await instance();
		const two = await instance();
		const { room, participant } = newRoom(one.app);
		const a = client(one, room.id, 'board', participant().key);
		const b = client(two, room.id, 'board', participant().key);
		await Promise.all([synced(a), synced(b)]);
		a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
		await until(
			() => [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Ann'),
			5000,
			'Ann on the other instance'
		);
	});

	it('erases a room on every instance, rows and connections', async () => {
		const one = await instance();
		const two = await instance();
		const { room, participant } = newRoom(one.app);
		const p = participant();
		const a = client(two, room.id, 'board', p.key);
		await synced(a);
		addNote(a.doc, note('weg', p.id));
		await until(() => ids(a).length === 1);
		const closes: number[] = [];
		a.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
		one.app.eraseRoom(room.id);
		await until(() => closes.includes(CLOSE.roomDeleted), 15_000, 'the other instance to close it');
		for (const table of ['rooms', 'participants', 'doc_updates', 'doc_snapshots', 'doc_clients']) {
			const column = table === 'rooms' ? 'id' : 'room_id';
			expect(
				await count(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = $1`, [room.id])
			).toBe(0);
		}
	});

	it('backs up with pg_dump while an instance runs, and the copy restores', async () => {
		const one = await instance();
		const { room, participant } = newRoom(one.app);
		const p = participant();
		const writer = client(one, room.id, 'board', p.key);
		await synced(writer);
		addNote(writer.doc, note('bewaard', p.id));
		const stored = () =>
			count('SELECT COUNT(*) AS n FROM doc_updates WHERE room_id = $1 AND doc = $2', [
				room.id,
				'board'
			]);
		const started = Date.now();
		while ((await stored()) < 2 && Date.now() - started < 10_000) await sleep(50);
		const target = path.join(tempDataDir(), 'kopie.dump');
		const backup = spawnSync(process.execPath, ['scripts/backup.js', target], {
			env: { ...process.env, DATABASE_URL: databaseUrl },
			encoding: 'utf8'
		});
		expect(backup.status, backup.stderr).toBe(0);
		const copy = await cluster.database();
		const restore = spawnSync('pg_restore', ['--no-owner', '-d', copy, target], {
			encoding: 'utf8'
		});
		expect(restore.status, restore.stderr).toBe(0);
		expect(await count('SELECT COUNT(*) AS n FROM rooms WHERE id = $1', [room.id], copy)).toBe(1);
		for (const c of clients.splice(0)) c.destroy();
		await one.stop();
		const restored = await startInstance(copy);
		instances.push(restored);
		const reader = client(restored, room.id, 'board', room.viewerKey);
		await synced(reader);
		expect(ids(reader)).toEqual(['bewaard']);
	});

	it('stores a room import synchronously, for every instance to serve', async () => {
		const one = await instance();
		const two = await instance();
		const { room, participant } = newRoom(one.app);
		const author = participant();
		const source = new Y.Doc();
		addNote(source, note('geimporteerd', author.id));
		// As import.ts does, inside a transaction of the repositories' connection.
		one.app.db.transaction(() =>
			one.app.store.appendNow(room.id, 'board', 1, Y.encodeStateAsUpdate(source))
		)();
		const reader = client(two, room.id, 'board', room.viewerKey);
		await synced(reader);
		expect(ids(reader)).toEqual(['geimporteerd']);
	});

	it('erases a room past RETENTION_DAYS, and keeps the others', async () => {
		const base = loadConfig({ DATA_DIR: tempDataDir(), RETENTION_DAYS: '180' });
		let wall = Date.now();
		let mono = 0;
		const app = createApp({ ...base, databaseUrl }, silentLogger, {
			clock: { now: () => wall, monotonic: () => mono },
			retentionConfirmMs: 0
		});
		try {
			const old = app.rooms.create({ title: 'Oud', workshop: 'visievorming-zorgzame-buurten' });
			const fresh = app.rooms.create({ title: 'Nieuw', workshop: 'visievorming-zorgzame-buurten' });
			app.db
				.prepare('UPDATE rooms SET last_active_at = ? WHERE id = ?')
				.run(wall - 181 * 24 * 60 * 60 * 1000, old.id);
			let erased = 0;
			for (let check = 0; check < 3; check++) {
				wall += 1000;
				mono += 1000;
				erased += app.expireRooms();
			}
			expect(erased).toBe(1);
			expect(app.rooms.get(old.id)).toBeNull();
			expect(app.rooms.get(fresh.id)?.title).toBe('Nieuw');
		} finally {
			await app.close();
		}
	});

	it('answers a failed query with the error, in SQLite’s words where callers look for them', () => {
		const db = new SyncPostgres(databaseUrl);
		try {
			db.exec('CREATE TABLE t (a TEXT PRIMARY KEY)');
			db.prepare('INSERT INTO t (a) VALUES (?)').run('x');
			expect(() => db.prepare('INSERT INTO t (a) VALUES (?)').run('x')).toThrow(
				/^UNIQUE constraint failed/
			);
			expect(() => db.prepare('SELECT nonsense FROM t').get()).toThrow(/nonsense/);
			// A failed transaction is rolled back, and the connection goes on.
			expect(() =>
				db.transaction(() => {
					db.prepare('INSERT INTO t (a) VALUES (?)').run('y');
					throw new Error('stop');
				})()
			).toThrow('stop');
			expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
		} finally {
			db.close();
		}
	});

	it('keeps WebSocket clients of the raw protocol working (the sync path is the same)', async () => {
		const one = await instance();
		const { room } = newRoom(one.app);
		const socket = new WebSocket(`${one.url}/${room.id}/board?key=wrong`);
		const status = await new Promise<number>((resolve) =>
			socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
		);
		expect(status).toBe(401);
	});
});
