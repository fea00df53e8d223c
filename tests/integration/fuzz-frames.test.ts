// Thousands of random and half-valid frames at the sync endpoint: the server never crashes,
// other rooms are untouched, and the target room still works.
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, notesFromYdoc } from '../../src/lib/board';
import {
	connect,
	rawConnect,
	startServer,
	synced,
	tempDataDir,
	testNote,
	until,
	type TestServer
} from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startServer(tempDataDir());
});
afterAll(() => server.stop());

function message(...parts: (number | Uint8Array)[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(encoder, part);
		else encoding.writeVarUint8Array(encoder, part);
	}
	return encoding.toUint8Array(encoder);
}

function validUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	addNote(doc, {
		id: 'fuzz',
		text: text.trim() || 'x',
		step: 's',
		author: 'f',
		authorName: '',
		created: 1
	});
	return Y.encodeStateAsUpdate(doc);
}

const bytes = fc.uint8Array({ maxLength: 300 });
const frame = fc.oneof(
	bytes,
	bytes.map((b) => message(0, 0, b)),
	fc.tuple(fc.constantFrom(1, 2), bytes).map(([type, b]) => message(0, type, b)),
	fc
		.tuple(fc.string({ maxLength: 40 }), fc.nat(), fc.integer({ min: 0, max: 255 }))
		.map(([text, at, value]) => {
			const update = validUpdate(text);
			update[at % update.length] = value;
			return message(0, 2, update);
		}),
	bytes.map((b) => message(1, b)),
	fc.constant(message(3)),
	fc.tuple(fc.nat(1000), bytes).map(([type, b]) => message(type, b))
);

function sendAll(url: string, frames: Uint8Array[]): Promise<void> {
	return rawConnect(url).then(
		({ socket }) =>
			new Promise<void>((resolve) => {
				const ws = socket as WebSocket;
				ws.on('close', () => resolve());
				ws.on('error', () => resolve());
				for (const f of frames) if (ws.readyState === WebSocket.OPEN) ws.send(f);
				setTimeout(() => ws.close(), 5);
			})
	);
}

it('survives random and half-valid frames without touching other rooms', async () => {
	const target = server.app.rooms.create({ title: 'Doelwit', workshop: 'w' });
	const bystander = server.app.rooms.create({ title: 'Omstaander', workshop: 'w' });
	const keeper = connect(server.url, bystander.id, 'board', bystander.facilitatorKey);
	await synced(keeper);
	addNote(keeper.doc, testNote('veilig'));
	const key = server.app.rooms.addParticipant(target.id, '', 10).key;
	const url = `${server.url}/${target.id}/board?key=${key}`;
	let frames = 0;

	await fc.assert(
		fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 12 }), async (batch) => {
			frames += batch.length;
			await sendAll(url, batch);
		}),
		{ numRuns: 300 }
	);
	expect(frames).toBeGreaterThan(1000);

	const check = connect(server.url, bystander.id, 'board', bystander.viewerKey);
	await synced(check);
	await until(() => notesFromYdoc(check.doc).length === 1);
	expect(notesFromYdoc(check.doc).map((n) => n.id)).toEqual(['veilig']);

	const a = connect(server.url, target.id, 'board', target.facilitatorKey);
	const b = connect(server.url, target.id, 'board', target.viewerKey);
	await Promise.all([synced(a), synced(b)]);
	addNote(a.doc, testNote('daarna'));
	await until(() => notesFromYdoc(b.doc).some((n) => n.id === 'daarna'));
	for (const c of [keeper, check, a, b]) c.destroy();
	expect(process.memoryUsage().rss).toBeLessThan(1024 * 1024 * 1024);
}, 120_000);
