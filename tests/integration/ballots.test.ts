// Secret ballots: a participant's vote travels only to the server (in their own draft); the board
// and control documents every browser holds carry only the number of voters, and after the
// reveal the totals. Rooms stored before this change are migrated when the server loads them.
import fs from 'node:fs';
import * as v from 'valibot';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
	ballotsRoot,
	castDraftBallot,
	controlFromYdoc,
	draftBallotsFromYdoc,
	goToStep,
	notesFromYdoc,
	setRevealed,
	setVotingOpen,
	voteTotalsFromYdoc,
	type Choice
} from '../../src/lib/board';
import { RoomExportSchema } from '../../src/lib/report/export';
import { importRoom } from '../../src/lib/server/import';
import { roomReport } from '../../src/lib/server/report';
import { syncStep1Message } from '../../src/lib/server/sync/messages';
import { findWorkshop } from '../../src/lib/workshop/catalog';
import { sleep, synced, until, useTestServer, type Client } from '../helpers/server';

const t = useTestServer();

const WORKSHOP = 'resoluties';
const STEP = 'ontmoeting';
const CHOICE_WORDS = ['approve', 'reject', 'abstain'];

function setup() {
	const room = t.server.app.rooms.create({ title: 'Stemming', workshop: WORKSHOP });
	const join = () => t.server.app.rooms.addParticipant(room.id, '', 10);
	return { room, join };
}

/** The facilitator takes the session to the vote step and opens the vote. */
async function openVote(facilitator: Client, step = STEP) {
	const steps = findWorkshop(WORKSHOP)!.steps;
	goToStep(
		facilitator.doc,
		steps.findIndex((s) => s.id === step),
		steps.length
	);
	setVotingOpen(facilitator.doc, step, true);
	await sleep(100);
}

function reveal(facilitator: Client, step = STEP) {
	setVotingOpen(facilitator.doc, step, false);
	setRevealed(facilitator.doc, step, true);
}

/** A raw socket on one document that records every frame the server sends it. */
async function recorder(roomId: string, doc: string, key: string) {
	const frames: Buffer[] = [];
	const socket = new WebSocket(`${t.server.url}/${roomId}/${doc}?key=${key}`);
	socket.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
	await new Promise((resolve, reject) => {
		socket.on('open', resolve);
		socket.on('error', reject);
	});
	socket.send(syncStep1Message(new Y.Doc()));
	await until(() => frames.length >= 2, 5000, `the server's answer on ${doc}`);
	return {
		frames,
		holds: (text: string) => frames.some((frame) => frame.includes(Buffer.from(text))),
		close: () => socket.terminate()
	};
}

const totals = (doc: Y.Doc, step = STEP) =>
	Object.fromEntries(
		voteTotalsFromYdoc(doc)
			.filter((x) => x.step === step)
			.map((x) => [x.statement, x.tally])
	);

it("never sends one participant's ballot to another while voting is open; totals come with the reveal", async () => {
	const { room, join } = setup();
	const [anna, bert, chris] = [join(), join(), join()];
	const facilitator = t.client(room.id, 'control', room.facilitatorKey);
	const projector = t.client(room.id, 'board', room.viewerKey);
	await Promise.all([facilitator, projector].map(synced));
	await openVote(facilitator);

	// Bert watches every document he can open, byte by byte.
	const watched = await Promise.all(
		['control', 'board', 'draft'].map((doc) => recorder(room.id, doc, bert.key))
	);
	const bertBoard = t.client(room.id, 'board', bert.key);
	const bertControl = t.client(room.id, 'control', bert.key);
	const draftA = t.client(room.id, 'draft', anna.key);
	const draftC = t.client(room.id, 'draft', chris.key);
	await Promise.all([bertBoard, bertControl, draftA, draftC].map(synced));

	const vote = (draft: Client, statement: string, choice: Choice) =>
		castDraftBallot(draft.doc, { step: STEP, statement, choice });
	vote(draftA, 'r1', 'reject');
	vote(draftA, 'r1', 'approve'); // changed her mind
	vote(draftA, 'r2', 'abstain');
	vote(draftC, 'r1', 'reject');
	await until(() => controlFromYdoc(bertControl.doc).voted[STEP] === 2, 5000, 'the voter count');
	await sleep(200);

	for (const w of watched) {
		for (const word of [...CHOICE_WORDS, anna.id, chris.id, `${STEP}|`]) {
			expect(w.holds(word), `${word} reached Bert`).toBe(false);
		}
	}
	expect(ballotsRoot(bertBoard.doc).size).toBe(0);
	expect(voteTotalsFromYdoc(projector.doc)).toEqual([]);
	expect(draftBallotsFromYdoc(draftA.doc)).toHaveLength(2);
	// Nothing of a ballot is stored where the board or control live.
	const rows = t.server.app.db
		.prepare("SELECT data FROM doc_updates WHERE room_id = ? AND doc IN ('board', 'control')")
		.all(room.id) as { data: Buffer }[];
	expect(rows.some((r) => r.data.includes(Buffer.from('approve')))).toBe(false);

	reveal(facilitator);
	await until(() => Object.keys(totals(bertBoard.doc)).length === 2, 5000, 'the totals');
	expect(totals(bertBoard.doc)).toEqual({
		r1: { approve: 1, reject: 1, abstain: 0 },
		r2: { approve: 0, reject: 0, abstain: 1 }
	});
	expect(totals(projector.doc)).toEqual(totals(bertBoard.doc));
	// Still nobody's id next to a choice, in any document Bert holds.
	for (const w of watched) expect(w.holds(anna.id) || w.holds(chris.id)).toBe(false);
	expect(ballotsRoot(bertBoard.doc).size).toBe(0);
	for (const w of watched) w.close();
});

it('does not count ballots that arrive after the reveal; reopening the vote counts again', async () => {
	const { room, join } = setup();
	const [anna, bert] = [join(), join()];
	const facilitator = t.client(room.id, 'control', room.facilitatorKey);
	const projector = t.client(room.id, 'board', room.viewerKey);
	await Promise.all([facilitator, projector].map(synced));
	await openVote(facilitator);
	const draftA = t.client(room.id, 'draft', anna.key);
	const draftB = t.client(room.id, 'draft', bert.key);
	await Promise.all([draftA, draftB].map(synced));
	castDraftBallot(draftA.doc, { step: STEP, statement: 'r1', choice: 'approve' });
	await until(() => controlFromYdoc(facilitator.doc).voted[STEP] === 1, 5000, 'one voter');
	reveal(facilitator);
	await until(() => Object.keys(totals(projector.doc)).length === 1, 5000, 'the totals');

	// Too late: through the client (the update guard refuses it at the door) and straight into
	// Bert's stored draft, as if it had been stored before any guard.
	castDraftBallot(draftA.doc, { step: STEP, statement: 'r1', choice: 'reject' });
	draftB.destroy();
	await sleep(200);
	const late = new Y.Doc();
	late.transact(() => ballotsRoot(late).set(`${STEP}|r1`, 'reject'));
	t.server.app.store.append(room.id, `draft-${bert.id}`, 1_000_000, Y.encodeStateAsUpdate(late));
	// Opening another vote makes the server look at every draft again.
	await openVote(facilitator, 'waarden');
	await sleep(300);
	expect(totals(projector.doc)).toEqual({ r1: { approve: 1, reject: 0, abstain: 0 } });
	expect(controlFromYdoc(facilitator.doc).voted[STEP]).toBe(1);

	// The facilitator opens the vote again: the drafts as they are then count at the next reveal.
	setRevealed(facilitator.doc, STEP, false);
	await openVote(facilitator);
	await until(() => controlFromYdoc(facilitator.doc).voted[STEP] === 2, 5000, 'two voters');
	castDraftBallot(draftA.doc, { step: STEP, statement: 'r1', choice: 'reject' });
	await sleep(200);
	reveal(facilitator);
	await until(
		() => totals(projector.doc).r1?.reject === 2,
		5000,
		() => `the new totals, have ${JSON.stringify(totals(projector.doc))}`
	);
	expect(totals(projector.doc)).toEqual({ r1: { approve: 0, reject: 2, abstain: 0 } });
});

const fixture = (name: string) =>
	new Uint8Array(fs.readFileSync(`tests/fixtures/legacy-ballots/${name}.bin`));

/** A room as the code before this change stored it: ballots in the board (see the fixture). */
function legacyRoom() {
	const { room, join } = setup();
	const people = { legacyA: join(), legacyB: join(), legacyC: join() };
	for (const [id, p] of Object.entries(people)) {
		t.server.app.db.prepare('UPDATE participants SET id = ? WHERE id = ?').run(id, p.id);
	}
	t.server.app.store.append(room.id, 'control', 1, fixture('control'));
	t.server.app.store.append(room.id, 'board', 1, fixture('board'));
	return { room, people };
}

/** The document as SQLite holds it. */
function storedDoc(roomId: string, name: string): Y.Doc {
	const stored = t.server.app.store.load(roomId, name);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc;
}

function storedContains(roomId: string, doc: string, text: string): boolean {
	const rows = t.server.app.db
		.prepare(
			'SELECT data FROM doc_updates WHERE room_id = ? AND doc = ? UNION ALL SELECT data FROM doc_snapshots WHERE room_id = ? AND doc = ?'
		)
		.all(roomId, doc, roomId, doc) as { data: Buffer }[];
	return rows.some((row) => row.data.includes(Buffer.from(text)));
}

it('migrates a room stored with ballots in the board: drafts, totals, counts, and no ballot left in the board', async () => {
	const { room, people } = legacyRoom();
	expect(ballotsRoot(storedDoc(room.id, 'board')).size).toBe(7);

	const board = t.client(room.id, 'board', room.viewerKey);
	const control = t.client(room.id, 'control', room.facilitatorKey);
	const draftA = t.client(room.id, 'draft', people.legacyA.key);
	await Promise.all([board, control, draftA].map(synced));

	// What every browser receives holds no ballot, only the totals of the revealed vote.
	expect(ballotsRoot(board.doc).size).toBe(0);
	expect(totals(board.doc)).toEqual({
		r1: { approve: 2, reject: 1, abstain: 0 },
		r2: { approve: 0, reject: 0, abstain: 1 }
	});
	expect(totals(board.doc, 'waarden')).toEqual({});
	expect(controlFromYdoc(control.doc).voted).toEqual({ ontmoeting: 3, waarden: 2 });
	expect(notesFromYdoc(board.doc).map((n) => n.text)).toEqual(['Een bankje op het plein']);
	// Each participant still sees their own choices.
	expect(draftBallotsFromYdoc(draftA.doc)).toEqual([
		{ step: 'ontmoeting', statement: 'r1', choice: 'approve' },
		{ step: 'ontmoeting', statement: 'r2', choice: 'abstain' },
		{ step: 'waarden', statement: 'r7', choice: 'reject' }
	]);

	// The open vote carries on and is counted at its reveal.
	reveal(control, 'waarden');
	await until(() => Object.keys(totals(board.doc, 'waarden')).length === 2, 5000, 'waarden');
	expect(totals(board.doc, 'waarden')).toEqual({
		r7: { approve: 1, reject: 1, abstain: 0 },
		r9: { approve: 1, reject: 0, abstain: 0 }
	});

	// Once the board leaves memory, the stored board holds no ballot either: the log is compacted
	// into a snapshot without the deleted choices (Yjs keeps the keys of deleted map entries, so
	// "who had a ballot on which statement" stays in a migrated board; the choice does not).
	t.destroyClients();
	await sleep(200);
	expect(ballotsRoot(storedDoc(room.id, 'board')).size).toBe(0);
	expect(storedContains(room.id, 'board', 'legacyB|r1')).toBe(true);
	expect(
		t.server.app.db
			.prepare("SELECT COUNT(*) AS n FROM doc_updates WHERE room_id = ? AND doc = 'board'")
			.get(room.id)
	).toEqual({ n: 0 });
	await t.restart();
	const again = t.client(room.id, 'board', room.viewerKey);
	await synced(again);
	expect(totals(again.doc)).toEqual({
		r1: { approve: 2, reject: 1, abstain: 0 },
		r2: { approve: 0, reject: 0, abstain: 1 }
	});
});

const options = { locale: 'nl' as const, names: false };

it('reports a legacy room that was never loaded, without reading ballots from its board', async () => {
	const { room } = legacyRoom();
	const md = String(
		(await roomReport(t.server.app, room.id, room.facilitatorKey, 'md', options)).body
	);
	// ontmoeting revealed: 2 for, 1 against; waarden never revealed: counted, and said so.
	expect(md).toContain('Deze stemming werd niet aan de groep getoond');
	expect(md).toMatch(/\| 2 \| 1 \| 0 \|/);
	expect(ballotsRoot(storedDoc(room.id, 'board')).size).toBe(0);
});

it('exports the votes without participant ids, and an imported room still reveals them', async () => {
	const { room } = legacyRoom();
	const json = String(
		(await roomReport(t.server.app, room.id, room.facilitatorKey, 'json', options)).body
	);
	const data = v.parse(RoomExportSchema, JSON.parse(json));
	expect(data.ballots).toHaveLength(7);
	expect(JSON.stringify(data.ballots)).not.toContain('legacy');
	const exportedBoard = new Y.Doc();
	Y.applyUpdate(exportedBoard, Buffer.from(data.state.board, 'base64'));
	expect(ballotsRoot(exportedBoard).size).toBe(0);
	expect(new Set(data.ballots!.map((b) => b.voter)).size).toBe(3);
	expect(data.snapshot).toMatchObject({ board: { votes: expect.any(Array) } });

	const imported = importRoom(t.server.app, data, 'http://localhost');
	const keys = t.server.app.rooms.authorize(imported.id, imported.facilitatorKey);
	expect(keys?.role).toBe('facilitator');
	const control = t.client(imported.id, 'control', imported.facilitatorKey);
	const board = t.client(imported.id, 'board', imported.viewerKey);
	await Promise.all([control, board].map(synced));
	expect(totals(board.doc)).toEqual({
		r1: { approve: 2, reject: 1, abstain: 0 },
		r2: { approve: 0, reject: 0, abstain: 1 }
	});
	expect(controlFromYdoc(control.doc).voted).toEqual({ ontmoeting: 3, waarden: 2 });
	reveal(control, 'waarden');
	await until(() => Object.keys(totals(board.doc, 'waarden')).length === 2, 5000, 'waarden');
	expect(totals(board.doc, 'waarden')).toEqual({
		r7: { approve: 1, reject: 1, abstain: 0 },
		r9: { approve: 1, reject: 0, abstain: 0 }
	});
});

it('imports an export made before ballots left the board, and migrates it on the first load', async () => {
	const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
	const old = {
		format: 'visiewerkplaats-room',
		version: 1,
		room: { title: 'Oud', workshop: WORKSHOP, createdAt: new Date().toISOString() },
		snapshot: {},
		state: { control: b64(fixture('control')), board: b64(fixture('board')) }
	};
	const imported = importRoom(t.server.app, v.parse(RoomExportSchema, old), 'http://localhost');
	const control = t.client(imported.id, 'control', imported.facilitatorKey);
	const board = t.client(imported.id, 'board', imported.viewerKey);
	await Promise.all([control, board].map(synced));
	expect(ballotsRoot(board.doc).size).toBe(0);
	expect(totals(board.doc).r1).toEqual({ approve: 2, reject: 1, abstain: 0 });
	reveal(control, 'waarden');
	await until(() => Object.keys(totals(board.doc, 'waarden')).length === 2, 5000, 'waarden');
});
