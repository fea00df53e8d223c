// The fan-out path: each update framed once for every client and written to each socket corked
// for the rest of the event loop's turn (connection.ts). Real server on port 0, real y-websocket
// clients, and raw WebSocket readers that check what arrives, message by message.
import * as decoding from 'lib0/decoding';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, notesFromYdoc } from '../../src/lib/board';
import { MESSAGE_SYNC } from '../../src/lib/server/sync/messages';
import { rawConnect, synced, testNote, until, useTestServer } from '../helpers/server';

const WORKSHOP = 'visievorming-zorgzame-buurten';
const WRITERS = 3;
const NOTES_EACH = 30;

/**
 * Reads a socket's sync messages as the structs they carry, and checks that each Yjs client's
 * structs arrive in order, without a gap: an update that overtook one it builds on would wait
 * in a client's pending structs (and show nothing) until the other came.
 */
function orderedReader(socket: WebSocket) {
	const next = new Map<number, number>();
	const faults: string[] = [];
	let structs = 0;
	socket.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
		if (decoding.readVarUint(decoder) === 0) return; // the server's sync step 1
		for (const struct of Y.decodeUpdate(decoding.readVarUint8Array(decoder)).structs) {
			const { client, clock } = struct.id;
			const expected = next.get(client) ?? 0;
			if (clock !== expected) faults.push(`client ${client}: clock ${clock}, expected ${expected}`);
			next.set(client, clock + struct.length);
			structs++;
		}
	});
	return { faults, structs: () => structs, clocks: next };
}

describe('fan-out', () => {
	const t = useTestServer();

	it('delivers every update of a burst, in order, to every client', async () => {
		const room = t.server.app.rooms.create({ title: 'Druk', workshop: WORKSHOP });
		const writers = Array.from({ length: WRITERS }, () => {
			const participant = t.server.app.rooms.addParticipant(room.id, '', 100);
			return { id: participant.id, client: t.client(room.id, 'board', participant.key) };
		});
		const reader = t.client(room.id, 'board', room.viewerKey);
		const raws = await Promise.all(
			Array.from(
				{ length: 4 },
				async () =>
					(await rawConnect(`${t.server.url}/${room.id}/board?key=${room.viewerKey}`)).socket!
			)
		);
		try {
			const readers = raws.map(orderedReader);
			await Promise.all([reader, ...writers.map((w) => w.client)].map(synced));
			// Every note its own update, all sent at once: the server reads many in one turn.
			for (let i = 0; i < NOTES_EACH; i++)
				for (const [w, writer] of writers.entries())
					addNote(
						writer.client.doc,
						testNote(`w${w}n${i}`, { step: 'kennismaking', author: writer.id })
					);
			const total = WRITERS * NOTES_EACH;
			const complete = () =>
				[reader, ...writers.map((w) => w.client)].every(
					(c) => notesFromYdoc(c.doc).length === total
				);
			await until(complete, 10_000, 'every note at every y-websocket client');
			const writerClocks = writers.map((w) =>
				Y.getState(w.client.doc.store, w.client.doc.clientID)
			);
			await until(
				() =>
					readers.every((r) =>
						writers.every((w, i) => r.clocks.get(w.client.doc.clientID) === writerClocks[i])
					),
				10_000,
				() =>
					`every struct at every raw reader: ${readers.map((r) => r.structs()).join(', ')}; ${readers
						.flatMap((r) => r.faults)
						.slice(0, 3)
						.join('; ')}`
			);
			for (const r of readers) expect(r.faults).toEqual([]);
		} finally {
			for (const raw of raws) raw.terminate();
		}
	});
});

describe('a socket that fails as its turn ends', () => {
	const t = useTestServer();

	it('is closed, and the other clients still get the update', async () => {
		const room = t.server.app.rooms.create({ title: 'Stuk', workshop: WORKSHOP });
		const writer = t.client(room.id, 'board', room.facilitatorKey);
		const reader = t.client(room.id, 'board', room.viewerKey);
		await Promise.all([synced(writer), synced(reader)]);
		const victim = (await rawConnect(`${t.server.url}/${room.id}/board?key=${room.viewerKey}`))
			.socket!;
		let closed = false;
		victim.on('close', () => (closed = true));
		// The server's side of the victim's connection: its remote port is the victim's own.
		const victimPort = (victim as unknown as { _socket: net.Socket })._socket.localPort;
		const uncork = net.Socket.prototype.uncork;
		let failed = false;
		net.Socket.prototype.uncork = function (this: net.Socket) {
			if (!failed && this.remotePort === victimPort && this.writableCorked > 0) {
				failed = true;
				throw new Error('socket failed (test)');
			}
			return uncork.call(this);
		};
		try {
			addNote(writer.doc, testNote('n1', { step: 'kennismaking' }));
			await until(() => notesFromYdoc(reader.doc).length === 1, 5000, 'the note at the reader');
			await until(() => closed, 5000, 'the failed socket to be closed');
			expect(failed).toBe(true);
		} finally {
			net.Socket.prototype.uncork = uncork;
			victim.terminate();
		}
	});
});

describe('a client that stops reading', () => {
	// Pings far apart: here the send buffer, not a missing pong, is what lets it go.
	const t = useTestServer({ maxBufferedBytes: 256 * 1024, pingIntervalMs: 600_000 });

	it('is let go once its buffer passes MAX_BUFFERED_BYTES, and the others get everything meanwhile', async () => {
		const room = t.server.app.rooms.create({ title: 'Traag', workshop: WORKSHOP });
		const writer = t.client(room.id, 'board', room.facilitatorKey);
		const reader = t.client(room.id, 'board', room.viewerKey);
		await Promise.all([synced(writer), synced(reader)]);
		const stalled = (await rawConnect(`${t.server.url}/${room.id}/board?key=${room.viewerKey}`))
			.socket!;
		const slow = () => t.events.filter((e) => e.event === 'sync_slow_client');
		try {
			stalled.pause();
			// About 300 KB per update: loopback socket buffers take a few MB before the server's own
			// buffer grows.
			const text = 'x'.repeat(490);
			let written = 0;
			for (let batch = 0; batch < 40 && slow().length === 0; batch++) {
				writer.doc.transact(() => {
					for (let i = 0; i < 500; i++)
						addNote(writer.doc, testNote(`b${batch}n${i}`, { text, step: 'kennismaking' }));
				});
				written += 500;
				const sent = written;
				await until(
					() => notesFromYdoc(reader.doc).length === sent,
					5000,
					`the reader to keep up (${sent} notes)`
				);
			}
			expect(slow()).toHaveLength(1);
			await until(
				() => t.server.app.sync.stats().connections === 2,
				5000,
				'the stalled client to be gone'
			);
			addNote(writer.doc, testNote('later'));
			await until(() => notesFromYdoc(reader.doc).length === written + 1, 5000, 'a later note');
		} finally {
			stalled.terminate();
		}
	});
});
