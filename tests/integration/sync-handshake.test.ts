// A client that reconnects (after a restart, or to another instance behind a load balancer) may
// send a change before it has answered the server's sync step 1; that change builds on earlier
// ones the server has not seen yet, and the answer under way brings all of them.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, notesFromYdoc } from '../../src/lib/board';
import { syncStep2Message, updateMessage } from '../../src/lib/server/sync/messages';
import { sleep, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();

describe('sync handshake', () => {
	it('keeps a connection whose change arrives before its answer to sync step 1, and stores both', async () => {
		const room = t.server.app.rooms.create({
			title: 'Handdruk',
			workshop: 'visievorming-zorgzame-buurten'
		});
		const anna = t.server.app.rooms.addParticipant(room.id, '', 10);
		// Anna's browser wrote two notes while it was connected elsewhere; this server has neither.
		const mine = new Y.Doc();
		addNote(mine, testNote('eerste', { step: 'kennismaking', author: anna.id }));
		const before = Y.encodeStateVector(mine);
		addNote(mine, testNote('tweede', { step: 'kennismaking', author: anna.id }));
		const latest = Y.encodeStateAsUpdate(mine, before);

		const socket = new WebSocket(`${t.server.url}/${room.id}/board?key=${anna.key}`);
		const codes: number[] = [];
		socket.on('close', (code) => codes.push(code));
		await new Promise<void>((resolve) => socket.once('message', () => resolve()));
		// The server's sync step 1 is in; the latest change goes out before the answer.
		socket.send(updateMessage(latest));
		await sleep(200);
		socket.send(syncStep2Message(mine, Y.encodeStateVector(new Y.Doc())));
		const stored = () => {
			const { snapshot, updates } = t.server.app.store.load(room.id, 'board');
			const doc = new Y.Doc();
			if (snapshot) Y.applyUpdate(doc, snapshot);
			for (const update of updates) Y.applyUpdate(doc, update);
			return notesFromYdoc(doc).map((n) => n.id);
		};
		await until(() => stored().length === 2, 5000, 'both notes stored');
		expect(stored().sort()).toEqual(['eerste', 'tweede']);
		expect(codes).toEqual([]);
		socket.close();
	});
});
