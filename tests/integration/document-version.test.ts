// Versioned documents on the server: stored documents of an earlier version are raised on every
// path that reads them, a newer one is refused, and a browser that announced another version than
// the server's writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addNote, metaRoot, notesFromYdoc } from '../../src/lib/board';
import { SCHEMA_VERSION, schemaVersionOf } from '../../src/lib/board/schema';
import { importRoom } from '../../src/lib/server/import';
import { roomReport } from '../../src/lib/server/report';
import { HttpError } from '../../src/lib/server/http';
import { sleep, synced, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();
const V1 = path.resolve('tests/fixtures/board-v1');
const states = JSON.parse(fs.readFileSync(path.join(V1, 'states.json'), 'utf8'));
const state = (name: string) => new Uint8Array(Buffer.from(states[name], 'base64'));
const WORKSHOP = 'visievorming-zorgzame-buurten';

function storedDoc(roomId: string, name: string): Y.Doc {
	const stored = t.server.app.store.load(roomId, name);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc;
}

/** A y-websocket client that announces the schema version its code has, as the app does. */
function announcing(roomId: string, docName: string, key: string, schema: number) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(t.server.url, `${roomId}/${docName}`, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { key, schema: String(schema) },
		disableBc: true,
		maxBackoffTime: 200
	});
	const client = {
		doc,
		provider,
		destroy() {
			provider.destroy();
			provider.awareness.destroy();
			doc.destroy();
		}
	};
	cleanup.push(client);
	return client;
}
const cleanup: { destroy(): void }[] = [];
afterEach(() => {
	for (const client of cleanup.splice(0)) client.destroy();
});

function v1Room() {
	const room = t.server.app.rooms.create({ title: 'Van vroeger', workshop: WORKSHOP });
	const participant = t.server.app.rooms.addParticipant(room.id, '', 10);
	t.server.app.store.append(room.id, 'control', 1, state('control'));
	t.server.app.store.append(room.id, 'board', 1, state('board'));
	t.server.app.store.append(room.id, `draft-${participant.id}`, 1, state('draft'));
	return { room, participant };
}

it('raises stored documents of an earlier version when a client opens them, drafts included', async () => {
	const { room, participant } = v1Room();
	const board = t.client(room.id, 'board', room.facilitatorKey);
	const control = t.client(room.id, 'control', room.facilitatorKey);
	const draft = t.client(room.id, 'draft', participant.key);
	await Promise.all([board, control, draft].map(synced));
	for (const client of [board, control, draft])
		expect(schemaVersionOf(client.doc)).toBe(SCHEMA_VERSION);
	expect(notesFromYdoc(draft.doc).map((n) => n.id)).toEqual(['d1']);
	expect(notesFromYdoc(board.doc)).toHaveLength(5);
	// The migration is stored: the next load starts from it.
	expect(schemaVersionOf(storedDoc(room.id, `draft-${participant.id}`))).toBe(SCHEMA_VERSION);
});

it('reads a room nobody opened since the upgrade for its report, and refuses a newer one with 409', async () => {
	const { room } = v1Room();
	const options = { locale: 'nl' as const, names: false };
	const json = JSON.parse(
		// With names and introductions: the JSON is private by default (report privacy, issue 14).
		String(
			(
				await roomReport(t.server.app, room.id, room.facilitatorKey, 'json', {
					...options,
					names: true
				})
			).body
		)
	);
	// Every note of the v1 board but the hidden one: hidden cards never leave the server.
	expect(json.snapshot.board.notes).toHaveLength(4);
	expect(json.snapshot.board.notes.some((n: { hidden: boolean }) => n.hidden)).toBe(false);
	expect(json.snapshot.control.synthesis.vision).toContain('Buren kennen elkaar');

	const newer = new Y.Doc();
	metaRoot(newer).set('schemaVersion', SCHEMA_VERSION + 1);
	t.server.app.store.append(room.id, 'control', 2, Y.encodeStateAsUpdate(newer));
	const failure = await roomReport(t.server.app, room.id, room.facilitatorKey, 'md', options).catch(
		(error: unknown) => error
	);
	expect(failure).toBeInstanceOf(HttpError);
	expect((failure as HttpError).status).toBe(409);
	expect((failure as HttpError).message).toMatch(/newer than this program knows/);
});

it('imports an export of an earlier version raised to this one, and refuses a newer one with 400', () => {
	const exported = {
		room: { title: 'Geïmporteerd', workshop: WORKSHOP },
		state: { control: states.control, board: states.board }
	};
	// The export's own schema is the report module's: only the fields importRoom reads matter here.
	const imported = importRoom(t.server.app, exported as never, 'http://localhost');
	expect(schemaVersionOf(storedDoc(imported.id, 'board'))).toBe(SCHEMA_VERSION);
	expect(notesFromYdoc(storedDoc(imported.id, 'board'))).toHaveLength(5);

	const newer = new Y.Doc();
	metaRoot(newer).set('schemaVersion', SCHEMA_VERSION + 1);
	const base64 = Buffer.from(Y.encodeStateAsUpdate(newer)).toString('base64');
	expect(() =>
		importRoom(
			t.server.app,
			{ ...exported, state: { ...exported.state, board: base64 } } as never,
			''
		)
	).toThrow(/state\.board: .*newer than this program knows/);
});

it('does not serve a stored document from a newer program, and leaves it unchanged', async () => {
	const room = t.server.app.rooms.create({ title: 'Uit de toekomst', workshop: WORKSHOP });
	const newer = new Y.Doc();
	metaRoot(newer).set('schemaVersion', SCHEMA_VERSION + 1);
	t.server.app.store.append(room.id, 'board', 1, Y.encodeStateAsUpdate(newer));
	const before = t.server.app.store.load(room.id, 'board');
	const client = t.client(room.id, 'board', room.facilitatorKey);
	await until(() => t.events.some((e) => e.event === 'sync_load_failed'), 5000, 'the refusal');
	expect(client.provider.synced).toBe(false);
	expect(t.server.app.store.load(room.id, 'board')).toEqual(before);
});

it('takes no change from a browser that announced an older schema version; current ones write', async () => {
	const room = t.server.app.rooms.create({ title: 'Versies', workshop: WORKSHOP });
	const old = announcing(room.id, 'board', room.facilitatorKey, SCHEMA_VERSION - 1);
	const current = announcing(room.id, 'board', room.facilitatorKey, SCHEMA_VERSION);
	const reader = t.client(room.id, 'board', room.viewerKey);
	await Promise.all([old, current, reader].map(synced));
	// The older browser still reads: it sees that the document is newer than its code.
	expect(schemaVersionOf(old.doc)).toBe(SCHEMA_VERSION);
	addNote(old.doc, testNote('old-shape'));
	addNote(current.doc, testNote('current'));
	await until(() => notesFromYdoc(reader.doc).some((n) => n.id === 'current'));
	await sleep(300);
	expect(notesFromYdoc(reader.doc).map((n) => n.id)).toEqual(['current']);
	expect(notesFromYdoc(storedDoc(room.id, 'board')).map((n) => n.id)).toEqual(['current']);
	expect(t.events.find((e) => e.event === 'sync_client_version')?.fields).toMatchObject({
		client: String(SCHEMA_VERSION - 1),
		server: SCHEMA_VERSION
	});
});
