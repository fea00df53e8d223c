// Paper beside phones: only the facilitator types in paper cards and hand counts. A participant's
// own Yjs client with a valid key that marks a note "op papier" or writes a hand count is put back.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	boardFromYdoc,
	controlFromYdoc,
	goToStep,
	notesFromYdoc,
	notesRoot,
	paperCountsFromYdoc,
	paperCountsRoot,
	setPaperCount,
	setRevealed,
	setVotingOpen
} from '../../src/lib/board';
import { synced, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();
const WORKSHOP = 'visievorming-zorgzame-buurten';

async function setup() {
	const room = t.server.app.rooms.create({ title: 'Papier', workshop: WORKSHOP });
	const anna = t.server.app.rooms.addParticipant(room.id, 'Anna', 500);
	const control = t.client(room.id, 'control', room.facilitatorKey);
	const desk = t.client(room.id, 'board', room.facilitatorKey);
	const phone = t.client(room.id, 'board', anna.key);
	const watcher = t.client(room.id, 'control', anna.key);
	await Promise.all([control, desk, phone, watcher].map(synced));
	// The assessment step (referentiekader) is reached: a participant may rate and write there.
	goToStep(control.doc, 8, 12, Date.now());
	await until(() => controlFromYdoc(watcher.doc).stepIndex === 8, 5000, 'step reached');
	return { room, anna, desk, phone };
}

const refusals = () => t.events.filter((e) => e.event === 'sync_update_refused');

describe('paper contributions', () => {
	it('takes a paper card and hand counts from the facilitator', async () => {
		const s = await setup();
		addNote(s.desk.doc, {
			...testNote('paper1', { step: 'kennismaking', author: 'paper', text: 'Op papier' }),
			paper: true
		});
		setPaperCount(s.desk.doc, {
			step: 'referentiekader',
			target: 'b1',
			choice: 'strong',
			count: 5
		});
		await until(
			() =>
				notesFromYdoc(s.phone.doc).some((n) => n.id === 'paper1' && n.paper) &&
				paperCountsFromYdoc(s.phone.doc).length === 1,
			5000,
			'paper reached the phone'
		);
		expect(refusals()).toEqual([]);
	});

	it('puts back a participant who marks a note as paper or writes a hand count', async () => {
		const s = await setup();
		const own = s.phone.doc;
		// A note of their own, marked as paper from the start.
		addNote(own, { ...testNote('fake', { step: 'kennismaking', author: s.anna.id }), paper: true });
		// A plain note of their own, marked afterwards.
		addNote(own, testNote('mine', { step: 'kennismaking', author: s.anna.id }));
		await until(() => notesRoot(s.desk.doc).has('mine'), 5000, 'own note accepted');
		(notesRoot(own).get('mine') as Y.Map<unknown>).set('paper', true);
		// A hand count, as if 40 people had ticked "not yet".
		setPaperCount(own, { step: 'referentiekader', target: 'b1', choice: 'notyet', count: 40 });
		await until(
			() =>
				!notesRoot(own).has('fake') &&
				paperCountsRoot(own).size === 0 &&
				!(notesRoot(own).get('mine') as Y.Map<unknown>).has('paper'),
			5000,
			'put back on the phone'
		);
		expect(notesFromYdoc(s.desk.doc).map((n) => n.id)).toEqual(['mine']);
		expect(notesFromYdoc(s.desk.doc)[0]).not.toHaveProperty('paper');
		expect(paperCountsFromYdoc(s.desk.doc)).toEqual([]);
		const reasons = refusals().map((e) => String(e.fields.reasons ?? JSON.stringify(e.fields)));
		expect(reasons.join(' ')).toContain('paper');
	});

	it('refuses a hand count that is no count, even from the facilitator', async () => {
		const s = await setup();
		paperCountsRoot(s.desk.doc).set('referentiekader|b1|strong', -3);
		paperCountsRoot(s.desk.doc).set('referentiekader|b1|maybe', 2);
		paperCountsRoot(s.desk.doc).set('referentiekader|b1|partly', 2);
		await until(
			() => paperCountsRoot(s.desk.doc).size === 1 && paperCountsRoot(s.phone.doc).size === 1,
			5000,
			'only the valid count stays'
		);
		expect(paperCountsFromYdoc(s.phone.doc)).toEqual([
			{ step: 'referentiekader', target: 'b1', choice: 'partly', count: 2 }
		]);
	});
});

describe('paper ballots', () => {
	it('shows a vote counted only on paper once the facilitator reveals it', async () => {
		const room = t.server.app.rooms.create({ title: 'Stemming op papier', workshop: 'resoluties' });
		const anna = t.server.app.rooms.addParticipant(room.id, '', 10);
		const control = t.client(room.id, 'control', room.facilitatorKey);
		const desk = t.client(room.id, 'board', room.facilitatorKey);
		const phone = t.client(room.id, 'board', anna.key);
		await Promise.all([control, desk, phone].map(synced));
		setPaperCount(desk.doc, { step: 'ontmoeting', target: 'r1', choice: 'approve', count: 6 });
		setPaperCount(desk.doc, { step: 'ontmoeting', target: 'r1', choice: 'reject', count: 2 });
		await until(() => paperCountsFromYdoc(phone.doc).length === 2, 5000, 'counts on the phone');
		// Not revealed: the hand counts give away no result.
		expect(boardFromYdoc(phone.doc).votes).toEqual([]);
		setVotingOpen(control.doc, 'ontmoeting', true);
		setVotingOpen(control.doc, 'ontmoeting', false);
		setRevealed(control.doc, 'ontmoeting', true);
		await until(() => boardFromYdoc(phone.doc).votes.length === 1, 5000, 'the result revealed');
		expect(boardFromYdoc(phone.doc).votes).toEqual([
			{
				step: 'ontmoeting',
				statement: 'r1',
				tally: { approve: 6, reject: 2, abstain: 0 },
				paper: 8
			}
		]);
	});
});
