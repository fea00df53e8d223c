// The update log kept in blocks (doc-store.ts, MERGE_EVERY), on the real SQLite store and the real
// PostgreSQL store (a throwaway cluster, skipped where PostgreSQL is not installed): a document
// loads the same from blocks as from single updates, a crash before or during a merge loses
// nothing, and an instance reading "since N" across a merge gets every update.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, editNote, notesFromYdoc } from '../../src/lib/board';
import { createApp, type App } from '../../src/lib/server/app';
import { loadConfig } from '../../src/lib/server/config';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { DocStore, MERGE_EVERY, type StoredDoc } from '../../src/lib/server/doc-store';
import { silentLogger, type Logger } from '../../src/lib/server/log';
import { RoomRepository } from '../../src/lib/server/rooms';
import type { PgDocStore } from '../../src/lib/server/store/pg-doc-store';
import { RoomDoc } from '../../src/lib/server/sync/room-doc';
import { postgresAvailable, startCluster, type Cluster } from '../failover/postgres-cluster';
import { connect, synced, tempDataDir, testNote, until, type Client } from '../helpers/server';

/** Updates as clients make them: a note added, then edited three times, over and over. */
function workshopUpdates(count: number): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let i = 0; updates.length < count; i++) {
		const id = `n${Math.floor(i / 4)}`;
		const text = `Bijdrage ${i}`;
		if (i % 4 === 0) addNote(doc, testNote(id, { text, step: 'brainstorm' }));
		else editNote(doc, id, text);
	}
	return updates.slice(0, count);
}

function docOf(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const update of stored.updates) Y.applyUpdate(doc, update);
	});
	return doc;
}

/** The same notes with the same texts, and the same state (nothing missing, nothing pending). */
function expectSameDoc(actual: Y.Doc, expected: Y.Doc): void {
	expect(notesFromYdoc(actual)).toEqual(notesFromYdoc(expected));
	expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
	expect(actual.store.pendingStructs).toBeNull();
}

type Rows = { seq: number; from_seq: number | null }[];
/** The log's rows as [first, last] (a single update: [seq, seq]). */
const ranges = (rows: Rows) =>
	rows.map((row) => [Number(row.from_seq ?? row.seq), Number(row.seq)]);
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the log in blocks, SQLite', () => {
	let db: DB;
	let store: DocStore;
	let roomId = '';
	let file = '';
	const warnings: string[] = [];
	const log: Logger = (level, event) => {
		if (level === 'warn') warnings.push(event);
	};
	const open = () => {
		db = openDatabase(file);
		store = new DocStore(db, log);
	};
	const rows = () =>
		db
			.prepare('SELECT seq, from_seq FROM doc_updates WHERE room_id = ? AND doc = ? ORDER BY seq')
			.all(roomId, 'board') as Rows;
	/** Appended as the server does: in order, each committed before it is sent on. */
	const append = (updates: Uint8Array[], firstSeq = 1) =>
		updates.forEach((update, i) => store.append(roomId, 'board', firstSeq + i, update));

	beforeEach(() => {
		file = path.join(tempDataDir(), 'visiewerkplaats.sqlite');
		open();
		roomId = new RoomRepository(db).create({ title: 'Blokken', workshop: 'x' }).id;
		warnings.length = 0;
	});
	afterEach(() => {
		if (db.open) db.close();
	});

	it('merges every MERGE_EVERY updates after the append, and loads the same document', async () => {
		const updates = workshopUpdates(350);
		db.transaction(() => append(updates))();
		// Not before the caller has sent the update on: the append only stores it.
		expect(rows()).toHaveLength(350);
		const single = store.load(roomId, 'board');
		await turn();
		expect(MERGE_EVERY).toBe(100);
		expect(ranges(rows()).slice(0, 4)).toEqual([
			[1, 100],
			[101, 200],
			[201, 300],
			[301, 301]
		]);
		expect(rows()).toHaveLength(3 + 50);
		const blocks = store.load(roomId, 'board');
		expect(blocks).toMatchObject({ logged: 350, lastSeq: 350 } satisfies Partial<StoredDoc>);
		expect(single).toMatchObject({ logged: 350, lastSeq: 350 });
		expectSameDoc(docOf(blocks), docOf({ snapshot: null, updates }));
		expectSameDoc(docOf(single), docOf({ snapshot: null, updates }));

		// A compaction up to the middle of a block keeps the block whole.
		store.compact(
			roomId,
			'board',
			150,
			Y.encodeStateAsUpdate(docOf({ snapshot: null, updates: updates.slice(0, 150) }))
		);
		expect(ranges(rows()).slice(0, 2)).toEqual([
			[101, 200],
			[201, 300]
		]);
		expectSameDoc(docOf(store.load(roomId, 'board')), docOf({ snapshot: null, updates }));
		expect(warnings).toEqual([]);
	});

	it('loses nothing when the process ends between an append and its merge', async () => {
		const updates = workshopUpdates(250);
		append(updates.slice(0, 100));
		db.close(); // before the event loop turns: the merge never runs
		await turn();
		open();
		expect(ranges(rows())).toHaveLength(100);
		expectSameDoc(
			docOf(store.load(roomId, 'board')),
			docOf({ snapshot: null, updates: updates.slice(0, 100) })
		);
		// The next block takes what was left single.
		append(updates.slice(100), 101);
		await turn();
		expect(ranges(rows()).slice(0, 2)).toEqual([
			[1, 200],
			[201, 201]
		]);
		expectSameDoc(docOf(store.load(roomId, 'board')), docOf({ snapshot: null, updates }));
	});

	it('counts every update of a block toward compaction when the room is loaded', async () => {
		const updates = workshopUpdates(250);
		append(updates);
		await turn();
		expect(rows()).toHaveLength(2 + 50);
		const room = new RoomDoc({
			roomId,
			name: 'board',
			store,
			log: silentLogger,
			compactAfterUpdates: 200,
			onStorageFailure: () => {},
			onActivity: () => {}
		});
		room.destroy({ save: false });
		// 250 updates since the last snapshot (not 52 rows): the load compacted them (what remains
		// is the board's schema, which the load stored).
		expect(rows().filter((row) => row.seq <= 250)).toEqual([]);
		const snapshot = db
			.prepare('SELECT upto_seq FROM doc_snapshots WHERE room_id = ?')
			.get(roomId) as { upto_seq: number } | undefined;
		expect(snapshot?.upto_seq).toBeGreaterThanOrEqual(250);
		expect(notesFromYdoc(docOf(store.load(roomId, 'board')))).toEqual(
			notesFromYdoc(docOf({ snapshot: null, updates }))
		);
	});

	it('leaves the rows as they were when a merge fails half-way (after its delete)', async () => {
		const updates = workshopUpdates(200);
		db.exec(`CREATE TEMP TRIGGER no_blocks BEFORE INSERT ON doc_updates WHEN NEW.from_seq IS NOT NULL
			BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
		append(updates.slice(0, 100));
		await turn();
		expect(warnings).toEqual(['store_merge_failed']);
		expect(rows()).toHaveLength(100);
		expectSameDoc(
			docOf(store.load(roomId, 'board')),
			docOf({ snapshot: null, updates: updates.slice(0, 100) })
		);
		db.exec('DROP TRIGGER no_blocks');
		append(updates.slice(100), 101);
		await turn();
		expect(ranges(rows())).toEqual([[1, 200]]);
		expectSameDoc(docOf(store.load(roomId, 'board')), docOf({ snapshot: null, updates }));
	});
});

describe.skipIf(!postgresAvailable())('the log in blocks, PostgreSQL', () => {
	let cluster: Cluster;
	let databaseUrl = '';
	const apps: App[] = [];
	const clients: Client[] = [];
	const servers: http.Server[] = [];
	let admin: pg.Client;

	const warnings: string[] = [];
	const log: Logger = (level, event) => {
		if (level === 'warn') warnings.push(event);
	};
	const instance = () => {
		const base = loadConfig({ DATA_DIR: tempDataDir() });
		const app = createApp({ ...base, databaseUrl }, log);
		apps.push(app);
		return { app, store: app.store as PgDocStore };
	};
	const rows = async (roomId: string) =>
		(
			await admin.query(
				"SELECT seq, from_seq FROM doc_updates WHERE room_id = $1 AND doc = 'board' ORDER BY seq",
				[roomId]
			)
		).rows as Rows;
	/** The log's rows once `done` says so (the merges after the appends are asynchronous). */
	const rowsWhen = async (roomId: string, done: (rows: Rows) => boolean) => {
		const started = Date.now();
		let found = await rows(roomId);
		while (!done(found) && Date.now() - started < 10_000) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			found = await rows(roomId);
		}
		return found;
	};
	/** Appended as the server does: each committed before the next is sent. */
	const append = async (store: PgDocStore, roomId: string, updates: Uint8Array[]) => {
		for (const update of updates) await store.append(roomId, 'board', 0, update);
	};
	const served = async () => {
		const { app, store } = instance();
		const server = http.createServer((_req, res) => res.writeHead(404).end());
		server.on('upgrade', (request, socket, head) => {
			if (!app.sync.handleUpgrade(request, socket, head)) socket.destroy();
		});
		servers.push(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		await until(() => store.listening, 10_000, 'LISTEN');
		return { app, url: `ws://127.0.0.1:${port}/sync` };
	};
	const client = (at: { url: string }, roomId: string, key: string) => {
		const c = connect(at.url, roomId, 'board', key);
		clients.push(c);
		return c;
	};
	const newRoom = (app: App) =>
		app.rooms.create({ title: 'Blokken', workshop: 'visievorming-zorgzame-buurten' }).id;

	beforeAll(async () => {
		cluster = await startCluster();
	}, 60_000);
	afterAll(async () => {
		await cluster?.stop();
	});
	beforeEach(async () => {
		databaseUrl = await cluster.database();
		admin = new pg.Client({ connectionString: databaseUrl });
		await admin.connect();
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		for (const app of apps.splice(0)) await app.close();
		for (const server of servers.splice(0)) {
			server.closeAllConnections();
			server.close();
		}
		await admin.end();
	});

	it('merges every MERGE_EVERY updates after the append, and loads the same document', async () => {
		const { app, store } = instance();
		const roomId = newRoom(app);
		const updates = workshopUpdates(250);
		await append(store, roomId, updates);
		const stored = await rowsWhen(roomId, (found) => found.length === 2 + 50);
		expect(ranges(stored).slice(0, 3)).toEqual([
			[1, 100],
			[101, 200],
			[201, 201]
		]);
		const loaded = instance().store.load(roomId, 'board');
		expect(loaded).toMatchObject({ logged: 250, lastSeq: 250 });
		expectSameDoc(docOf(loaded), docOf({ snapshot: null, updates }));
	});

	it('leaves the rows as they were when a merge fails half-way, and the next block takes them', async () => {
		const { app, store } = instance();
		const roomId = newRoom(app);
		const updates = workshopUpdates(200);
		await admin.query(`CREATE FUNCTION refuse_block() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$;
			CREATE TRIGGER no_blocks BEFORE INSERT ON doc_updates FOR EACH ROW
			WHEN (NEW.from_seq IS NOT NULL) EXECUTE FUNCTION refuse_block()`);
		warnings.length = 0;
		await append(store, roomId, updates.slice(0, 100));
		await until(() => warnings.includes('store_merge_failed'), 10_000, 'the merge to fail');
		expect(await rows(roomId)).toHaveLength(100);
		await expect(store.mergeBlock(roomId, 'board', 100)).rejects.toThrow(/No space left/);
		expect(await rows(roomId)).toHaveLength(100);
		// As a new instance finds it after a crash between the appends and their merge.
		await admin.query('DROP TRIGGER no_blocks ON doc_updates');
		const next = instance();
		expectSameDoc(
			docOf(next.store.load(roomId, 'board')),
			docOf({ snapshot: null, updates: updates.slice(0, 100) })
		);
		await append(next.store, roomId, updates.slice(100));
		expect(ranges(await rowsWhen(roomId, (found) => found.length === 1))).toEqual([[1, 200]]);
		expectSameDoc(
			docOf(instance().store.load(roomId, 'board')),
			docOf({ snapshot: null, updates })
		);
	});

	it('gives an instance reading "since N" every update across a merge', async () => {
		const one = instance();
		const two = instance();
		const roomId = newRoom(one.app);
		const updates = workshopUpdates(150);
		await append(one.store, roomId, updates.slice(0, 60));
		const first = await two.store.readSince(roomId, 'board', 0);
		expect(first.lastSeq).toBe(60);
		const reader = docOf(first);
		await append(one.store, roomId, updates.slice(60));
		// The merge of 1–100 may be under way: read once it is stored.
		const merged = await rowsWhen(roomId, (found) => found[0]?.from_seq != null);
		const since = await two.store.readSince(roomId, 'board', first.lastSeq);
		expect(since.lastSeq).toBe(150);
		reader.transact(() => since.updates.forEach((update) => Y.applyUpdate(reader, update)));
		expectSameDoc(reader, docOf({ snapshot: null, updates }));
		expect(ranges(merged)[0]).toEqual([1, 100]);
	});

	it('stores no block when the rows changed after the merge read them', async () => {
		const { app, store } = instance();
		const roomId = newRoom(app);
		const updates = workshopUpdates(200);
		// Held as another instance's merge of 1–200 would hold it, while this one reads 1–100.
		const other = new pg.Client({ connectionString: databaseUrl });
		await other.connect();
		await append(store, roomId, updates.slice(0, 99));
		// Stored without this store's own merge at 100, which is started by hand below.
		await admin.query(
			`INSERT INTO doc_updates (room_id, doc, seq, data) VALUES ($1, 'board', 100, $2)`,
			[roomId, Buffer.from(updates[99]!)]
		);
		await admin.query(
			`INSERT INTO doc_updates (room_id, doc, seq, data)
			 SELECT $1, 'board', 100 + ord, data FROM unnest($2::bytea[]) WITH ORDINALITY AS b(data, ord)`,
			[roomId, updates.slice(100).map((u) => Buffer.from(u))]
		);
		await other.query('BEGIN');
		await other.query("SELECT vwp_doc_lock($1, 'board')", [roomId]);
		const merging = store.mergeBlock(roomId, 'board', 100);
		// The merge has read 1–100 and waits for the lock; meanwhile the other merges 1–200.
		await new Promise((resolve) => setTimeout(resolve, 300));
		const merged = Y.mergeUpdates(updates);
		await other.query("DELETE FROM doc_updates WHERE room_id = $1 AND doc = 'board'", [roomId]);
		await other.query(
			`INSERT INTO doc_updates (room_id, doc, seq, from_seq, data) VALUES ($1, 'board', 200, 1, $2)`,
			[roomId, Buffer.from(merged)]
		);
		await other.query('COMMIT');
		await other.end();
		expect(await merging).toBe(false);
		// One row, holding each update once: no second block of what the other merged.
		expect(ranges(await rows(roomId))).toEqual([[1, 200]]);
		expectSameDoc(docOf(store.load(roomId, 'board')), docOf({ snapshot: null, updates }));
	});

	it('serves a live room from two instances across merges, and keeps it over a restart', async () => {
		const [one, two] = [await served(), await served()];
		const roomId = newRoom(one.app);
		const people = [0, 1, 2].map(() => one.app.rooms.addParticipant(roomId, '', 500));
		const writers = people.map((p, i) => client(i === 1 ? two : one, roomId, p.key));
		const reader = client(two, roomId, people[0]!.key);
		await Promise.all([...writers, reader].map(synced));
		for (let round = 0; round < 50; round++)
			writers.forEach((w, i) =>
				addNote(w.doc, testNote(`w${i}-${round}`, { author: people[i]!.id, step: 'kennismaking' }))
			);
		const noteCount = (c: Client) => notesFromYdoc(c.doc).length;
		await until(() => noteCount(reader) === 150, 20_000, 'every note on the reader');
		await until(() => writers.every((w) => noteCount(w) === 150), 20_000, 'every note everywhere');
		const blocks = await rowsWhen(roomId, (found) => found.some((row) => row.from_seq !== null));
		expect(ranges(blocks)[0]).toEqual([1, expect.any(Number)]);
		expect(ranges(blocks)[0]![1]).toBeGreaterThanOrEqual(100);
		for (const c of clients.splice(0)) c.destroy();
		for (const app of apps.splice(0)) await app.close();
		const three = await served();
		const late = client(three, roomId, people[2]!.key);
		await synced(late);
		expect(noteCount(late)).toBe(150);
	});
});
