// The projector's remote in the control document, through the real sync server: the console
// writes it and the projector reads it; a participant or the projector itself cannot (the server
// opens control read-only for them), so no phone in the room takes the QR code off the screen or
// turns the projector's pages.
import { describe, expect, it } from 'vitest';
import {
	controlFromYdoc,
	setPagingPaused,
	setProjectorJoin,
	turnProjectorPage
} from '../../src/lib/board';
import { sleep, synced, until, useTestServer } from '../helpers/server';

const t = useTestServer();

function newRoom() {
	const room = t.server.app.rooms.create({
		title: 'Test',
		workshop: 'visievorming-zorgzame-buurten'
	});
	return { room, participant: () => t.server.app.rooms.addParticipant(room.id, '', 500) };
}

const remoteOf = (doc: Parameters<typeof controlFromYdoc>[0]) => controlFromYdoc(doc).projector;

describe('projector remote', () => {
	it('goes from the console to the projector', async () => {
		const { room } = newRoom();
		const console_ = t.client(room.id, 'control', room.facilitatorKey);
		const projector = t.client(room.id, 'control', room.viewerKey);
		await Promise.all([synced(console_), synced(projector)]);
		setProjectorJoin(console_.doc, true);
		turnProjectorPage(console_.doc, 1);
		turnProjectorPage(console_.doc, 1);
		setPagingPaused(console_.doc, true);
		await until(() => remoteOf(projector.doc)?.pagingPaused === true);
		expect(remoteOf(projector.doc)).toEqual({ joinLarge: true, pageTurns: 2, pagingPaused: true });
	});

	for (const who of ['participant', 'projector'] as const)
		it(`refuses the ${who}'s writes: nobody else sees them, and they are never stored`, async () => {
			const { room, participant } = newRoom();
			const console_ = t.client(room.id, 'control', room.facilitatorKey);
			const key = who === 'participant' ? participant().key : room.viewerKey;
			const intruder = t.client(room.id, 'control', key);
			const watcher = t.client(room.id, 'control', room.viewerKey);
			await Promise.all([synced(console_), synced(intruder), synced(watcher)]);
			const seen: unknown[] = [];
			watcher.doc.on('update', () => seen.push(remoteOf(watcher.doc)));
			setProjectorJoin(intruder.doc, false);
			turnProjectorPage(intruder.doc, -1);
			setPagingPaused(intruder.doc, true);
			// A write that is applied reaches other clients within milliseconds; wait well past that.
			await sleep(300);
			turnProjectorPage(console_.doc, 1);
			await until(() => remoteOf(watcher.doc)?.pageTurns === 1);
			await sleep(200);
			expect(seen.filter((r) => r !== undefined)).toEqual([
				{ joinLarge: null, pageTurns: 1, pagingPaused: false }
			]);
			expect(remoteOf(console_.doc)).toEqual({
				joinLarge: null,
				pageTurns: 1,
				pagingPaused: false
			});
			// A fresh reader of the stored document sees only the console's turn.
			const reader = t.client(room.id, 'control', room.viewerKey);
			await synced(reader);
			expect(remoteOf(reader.doc)).toEqual({ joinLarge: null, pageTurns: 1, pagingPaused: false });
		});
});
