// Silent brainstorming: drafts stay private until the facilitator reveals their step. A draft is
// written by a participant's own client, so whatever it holds must never take the server down.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	controlFromYdoc,
	goToStep,
	notesFromYdoc,
	notesRoot,
	setRevealed
} from '../../src/lib/board';
import { findWorkshop } from '../../src/lib/workshop/catalog';
import { CLOSE } from '../../src/lib/server/sync/close-codes';
import { rawConnect, sleep, synced, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();

// A real workshop, so that the server knows its steps: `actoren` is a silent brainstorm.
const WORKSHOP = 'visievorming-zorgzame-buurten';
const SILENT = 'actoren';
const OTHER = 'beeld';

function setup() {
	const room = t.server.app.rooms.create({ title: 'Stil', workshop: WORKSHOP });
	const join = () => t.server.app.rooms.addParticipant(room.id, '', 10);
	return { room, join };
}

/** The facilitator takes the session to a step (participants write only in steps reached). */
function reach(control: Y.Doc, stepId: string): void {
	const steps = findWorkshop(WORKSHOP)!.steps;
	goToStep(
		control,
		steps.findIndex((s) => s.id === stepId),
		steps.length
	);
}

/** A note in another room, by one of its participants, to see that room keep syncing. */
const elsewhere = (author: string) =>
	testNote('elders', { step: 'kennismaking', author, text: 'andere kamer' });

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
	reach(facilitator.doc, SILENT);
	await until(() => controlFromYdoc(projectorControl.doc).stepIndex > 0, 5000, 'the step');

	addNote(draftA.doc, testNote('a1', { step: SILENT, author: a.id, text: 'geheim-A1' }));
	addNote(draftA.doc, testNote('a2', { step: SILENT, author: a.id, text: 'geheim-A2' }));
	addNote(draftC.doc, testNote('c1', { step: SILENT, author: c.id, text: 'geheim-C1' }));
	await until(
		() => controlFromYdoc(projectorControl.doc).waiting[SILENT] === 3,
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

	setRevealed(facilitator.doc, SILENT, true);
	await until(() => notesFromYdoc(projector.doc).length === 3, 5000, 'the reveal');
	expect(
		notesFromYdoc(projector.doc)
			.map((n) => n.text)
			.sort()
	).toEqual(['geheim-A1', 'geheim-A2', 'geheim-C1']);
	await until(() => notesFromYdoc(draftA.doc).length === 0, 5000, 'the draft to empty');
	await until(() => Object.keys(controlFromYdoc(projectorControl.doc).waiting).length === 0);

	addNote(draftA.doc, testNote('a3', { step: SILENT, author: a.id, text: 'na de onthulling' }));
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

/** The fields of a note, written as they are, past every check the board's operations make. */
type RawNote = Record<string, unknown>;

function writeRawNote(doc: Y.Doc, id: string, fields: RawNote): void {
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(fields)) entry.set(key, value);
		notesRoot(doc).set(id, entry);
	});
}

/** A draft update holding one raw note, as a client could have stored it before any guard. */
function rawNoteUpdate(id: string, fields: RawNote): Uint8Array {
	const doc = new Y.Doc();
	writeRawNote(doc, id, fields);
	return Y.encodeStateAsUpdate(doc);
}

describe('a poisoned draft', () => {
	const poisons: [string, (author: string) => RawNote][] = [
		['no step', (author) => ({ text: 'zonder stap', author, created: 1 })],
		['a step id with |', (author) => ({ text: 'pijp', step: `${SILENT}|x`, author, created: 1 })],
		[
			'text over 500 characters',
			(author) => ({ text: 'x'.repeat(501), step: SILENT, author, created: 1 })
		],
		['only spaces', (author) => ({ text: '     ', step: SILENT, author, created: 1 })],
		[
			'a step id of 10,000 characters',
			(author) => ({ text: 'lang', step: 's'.repeat(10_000), author, created: 1 })
		],
		[
			'no usable time',
			(author) => ({ text: 'geen tijd', step: SILENT, author, created: Number.NaN })
		],
		['a note that is not a map', () => ({})]
	];

	it.each(poisons)(
		'with %s: the server and other rooms keep running, valid drafts still move, the poison never does',
		async (_what, poison) => {
			const { room, join } = setup();
			const [attacker, honest] = [join(), join()];
			const other = setup();
			const facilitator = t.client(room.id, 'control', room.facilitatorKey);
			const projector = t.client(room.id, 'board', room.viewerKey);
			await Promise.all([facilitator, projector].map(synced));
			reach(facilitator.doc, SILENT);
			await sleep(100);
			const evil = t.client(room.id, 'draft', attacker.key);
			const good = t.client(room.id, 'draft', honest.key);
			await Promise.all([evil, good].map(synced));

			// A raw client writes the poison before and after the reveal (the update guard may
			// refuse it at the door; either way nothing may fall over).
			writeRawNote(evil.doc, 'gif-1', poison(attacker.id));
			addNote(good.doc, testNote('ok-1', { step: SILENT, author: honest.id, text: 'eerlijk' }));
			await sleep(100);
			setRevealed(facilitator.doc, SILENT, true);
			await until(
				() => notesFromYdoc(projector.doc).some((n) => n.id === 'ok-1'),
				5000,
				'the honest draft to move'
			);
			writeRawNote(evil.doc, 'gif-2', poison(attacker.id));
			addNote(good.doc, testNote('ok-2', { step: SILENT, author: honest.id, text: 'ook eerlijk' }));
			await until(
				() => notesFromYdoc(projector.doc).some((n) => n.id === 'ok-2'),
				5000,
				'a late honest note to move'
			);

			// A poison stored before the guard existed: put straight into the draft's log.
			await t.restart();
			t.server.app.store.append(
				room.id,
				`draft-${attacker.id}`,
				1_000_000,
				rawNoteUpdate('gif-3', poison(attacker.id))
			);
			const control2 = t.client(room.id, 'control', room.facilitatorKey);
			const board2 = t.client(room.id, 'board', room.viewerKey);
			await Promise.all([control2, board2].map(synced));
			setRevealed(control2.doc, OTHER, true);
			await until(
				() => controlFromYdoc(control2.doc).revealedSteps.includes(OTHER),
				5000,
				'the next reveal'
			);
			const evil2 = t.client(room.id, 'draft', attacker.key);
			await synced(evil2);
			await until(() => notesRoot(evil2.doc).size === 0, 5000, 'the poison to be removed');
			expect(
				notesFromYdoc(board2.doc)
					.map((n) => n.id)
					.sort()
			).toEqual(['ok-1', 'ok-2']);
			expect(t.events.filter((e) => e.event === 'room_error')).toEqual([]);

			// Another room keeps syncing.
			const writer = other.join();
			const otherC = t.client(other.room.id, 'board', writer.key);
			const otherD = t.client(other.room.id, 'board', other.join().key);
			await Promise.all([otherC, otherD].map(synced));
			addNote(otherC.doc, elsewhere(writer.id));
			await until(() => notesFromYdoc(otherD.doc).length === 1, 5000, 'the other room');
		}
	);

	it('a failure while handling a draft stays in its room: logged, only that connection closed', async () => {
		const { room, join } = setup();
		const [a, b] = [join(), join()];
		const other = setup();
		const writer = other.join();
		const otherA = t.client(other.room.id, 'board', writer.key);
		const otherB = t.client(other.room.id, 'board', other.join().key);
		const facilitator = t.client(room.id, 'control', room.facilitatorKey);
		await synced(facilitator);
		reach(facilitator.doc, SILENT);
		await sleep(100);
		facilitator.destroy(); // the control document leaves memory: the next change loads it
		await sleep(100);
		const draftA = t.client(room.id, 'draft', a.key);
		const boardB = t.client(room.id, 'board', b.key);
		await Promise.all([otherA, otherB, draftA, boardB].map(synced));
		let closed: number | null = null;
		draftA.provider.ws?.addEventListener('close', (event) => (closed = event.code));

		// The storage fails while the server handles this draft's change.
		const store = t.server.app.store;
		const load = store.load.bind(store);
		store.load = (roomId, doc) => {
			if (roomId === room.id && doc === 'control') throw new Error('disk gone');
			return load(roomId, doc);
		};
		try {
			addNote(draftA.doc, testNote('a1', { step: SILENT, author: a.id, text: 'stil' }));
			await until(
				() => t.events.some((e) => e.event === 'room_error'),
				5000,
				'the room error to be logged'
			);
			await until(() => closed !== null, 5000, 'the draft connection to close');
		} finally {
			store.load = load;
		}
		expect(closed).toBe(CLOSE.changeFailed);
		expect(t.events.find((e) => e.event === 'room_error')!.fields).toMatchObject({
			room: room.id,
			doc: `draft-${a.id}`
		});
		// The rest of the room and other rooms go on.
		expect(boardB.provider.wsconnected).toBe(true);
		addNote(otherA.doc, elsewhere(writer.id));
		await until(() => notesFromYdoc(otherB.doc).length === 1, 5000, 'the other room');
	});
});
