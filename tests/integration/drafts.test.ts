// Silent brainstorming: drafts stay private until the facilitator reveals their step.
import { expect, it } from 'vitest';
import { addNote, controlFromYdoc, notesFromYdoc, setRevealed } from '../../src/lib/board';
import { rawConnect, sleep, synced, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();

function setup() {
	const room = t.server.app.rooms.create({ title: 'Stil', workshop: 'w' });
	const join = () => t.server.app.rooms.addParticipant(room.id, '', 10);
	return { room, join };
}

function boardRowsContain(roomId: string, text: string): boolean {
	const rows = t.server.app.db
		.prepare(
			"SELECT data FROM doc_updates WHERE room_id = ? AND doc = 'board' UNION ALL SELECT data FROM doc_snapshots WHERE room_id = ? AND doc = 'board'"
		)
		.all(roomId, roomId) as { data: Buffer }[];
	return rows.some((row) => row.data.includes(Buffer.from(text)));
}

it('keeps drafts out of the shared board until the reveal, then moves them all', async () => {
	const { room, join } = setup();
	const [a, b, c] = [join(), join(), join()];
	const draftA = t.client(room.id, 'draft', a.key);
	const draftC = t.client(room.id, 'draft', c.key);
	const boardB = t.client(room.id, 'board', b.key);
	const projector = t.client(room.id, 'board', room.viewerKey);
	const projectorControl = t.client(room.id, 'control', room.viewerKey);
	const facilitator = t.client(room.id, 'control', room.facilitatorKey);
	await Promise.all([draftA, draftC, boardB, projector, projectorControl, facilitator].map(synced));

	addNote(draftA.doc, testNote('a1', { step: 'denk', author: a.id, text: 'geheim-A1' }));
	addNote(draftA.doc, testNote('a2', { step: 'denk', author: a.id, text: 'geheim-A2' }));
	addNote(draftC.doc, testNote('c1', { step: 'denk', author: c.id, text: 'geheim-C1' }));
	await until(
		() => controlFromYdoc(projectorControl.doc).waiting.denk === 3,
		5000,
		'waiting count'
	);
	draftC.destroy();
	await sleep(200);
	expect(notesFromYdoc(projector.doc)).toEqual([]);
	expect(notesFromYdoc(boardB.doc)).toEqual([]);
	expect(boardRowsContain(room.id, 'geheim')).toBe(false);

	const draftB = t.client(room.id, 'draft', b.key);
	await synced(draftB);
	expect(notesFromYdoc(draftB.doc)).toEqual([]);

	setRevealed(facilitator.doc, 'denk', true);
	await until(() => notesFromYdoc(projector.doc).length === 3, 5000, 'the reveal');
	expect(
		notesFromYdoc(projector.doc)
			.map((n) => n.text)
			.sort()
	).toEqual(['geheim-A1', 'geheim-A2', 'geheim-C1']);
	await until(() => notesFromYdoc(draftA.doc).length === 0, 5000, 'the draft to empty');
	await until(() => Object.keys(controlFromYdoc(projectorControl.doc).waiting).length === 0);

	addNote(draftA.doc, testNote('a3', { step: 'denk', author: a.id, text: 'na de onthulling' }));
	await until(
		() => notesFromYdoc(boardB.doc).some((n) => n.id === 'a3'),
		5000,
		'a late note to follow'
	);
});

it('gives no draft to the facilitator or the projector', async () => {
	const { room } = setup();
	for (const key of [room.facilitatorKey, room.viewerKey]) {
		expect((await rawConnect(`${t.server.url}/${room.id}/draft?key=${key}`)).status).toBe(403);
	}
});
