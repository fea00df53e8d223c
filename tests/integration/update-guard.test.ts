// A participant's own Yjs client, holding a valid participant key, tries to rewrite the room.
// Every attack is put back by the server before anyone else sees it; the attacker's own
// document is corrected, other participants' data and other rooms are untouched.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	actionsFromYdoc,
	actionsRoot,
	addNote,
	answerCheckItem,
	checkProposalsFromYdoc,
	checklistFromYdoc,
	controlFromYdoc,
	proposeAction,
	rateBlock,
	ratingsFromYdoc,
	setActionStatus,
	updateAction,
	dotsRoot,
	goToStep,
	notesFromYdoc,
	notesRoot,
	placeDot,
	proposeCheckAnswer,
	setNoteHidden,
	setStepLocked,
	setVotingOpen
} from '../../src/lib/board';
import { applyGuardedUpdate } from '../../src/lib/board/guard';
import { updateMessage } from '../../src/lib/server/sync/messages';
import { type Client, sleep, synced, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();
const WORKSHOP = 'visievorming-zorgzame-buurten';
const STEPS = 12;
const INDEX = {
	kennismaking: 0,
	denkoefening: 3,
	actoren: 6,
	voorbereiding: 7,
	referentiekader: 8
} as const;

async function setup() {
	const room = t.server.app.rooms.create({ title: 'Wachter', workshop: WORKSHOP });
	const join = (name = '') => t.server.app.rooms.addParticipant(room.id, name, 500);
	const control = t.client(room.id, 'control', room.facilitatorKey);
	const desk = t.client(room.id, 'board', room.facilitatorKey);
	const [anna, bert, chris] = [join('Anna'), join('Bert'), join('Chris')];
	const boards = {
		anna: t.client(room.id, 'board', anna.key),
		bert: t.client(room.id, 'board', bert.key),
		chris: t.client(room.id, 'board', chris.key)
	};
	// What a participant sees of the control document tells that the server has it.
	const watcher = t.client(room.id, 'control', chris.key);
	await Promise.all([control, desk, watcher, ...Object.values(boards)].map(synced));
	const goTo = async (index: number) => {
		goToStep(control.doc, index, STEPS, Date.now());
		await until(() => controlFromYdoc(watcher.doc).stepIndex === index, 5000, 'step reached');
	};
	/**
	 * Waits until the server has judged and stored everything every client sent (a refused
	 * change is stored too, as deleted, so its clocks count), and `check` holds.
	 */
	const settle = async (check: () => boolean) => {
		const writers = [desk, ...Object.values(boards)];
		await until(
			() => {
				const stored = Y.decodeStateVector(Y.encodeStateVector(storedBoard(room.id)));
				const judged = writers.every((w) =>
					[...Y.decodeStateVector(Y.encodeStateVector(w.doc))].every(
						([client, clock]) => (stored.get(client) ?? 0) >= clock
					)
				);
				return judged && check();
			},
			5000,
			'settled'
		);
	};
	return { room, ids: { anna, bert, chris }, control, desk, boards, watcher, goTo, settle };
}

/** The board as the server would load it now from SQLite. */
function storedBoard(roomId: string): Y.Doc {
	const doc = new Y.Doc();
	const stored = t.server.app.store.load(roomId, 'board');
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc;
}

/** Every text value any observer of `client` ever saw in the notes. */
function textsSeen(client: Client): Set<string> {
	const seen = new Set<string>();
	client.doc.on('update', () => {
		for (const note of notesFromYdoc(client.doc)) seen.add(note.text);
	});
	return seen;
}

const refusals = () => t.events.filter((e) => e.event === 'sync_update_refused');

describe('update guard', () => {
	it('puts back a participant who rewrites or deletes another participant’s note', async () => {
		const s = await setup();
		addNote(
			s.boards.bert.doc,
			testNote('bert1', { step: 'kennismaking', author: s.ids.bert.id, text: 'Ik ben Bert' })
		);
		await until(() => notesRoot(s.boards.anna.doc).has('bert1'), 5000, 'bert’s note');
		const chrisSaw = textsSeen(s.boards.chris);

		const attacker = s.boards.anna.doc;
		(notesRoot(attacker).get('bert1') as Y.Map<unknown>).set('text', 'Bert is dom');
		await s.settle(() => true);
		notesRoot(attacker).delete('bert1');
		await s.settle(() => notesRoot(attacker).has('bert1'));

		for (const doc of [attacker, s.boards.chris.doc, storedBoard(s.room.id)]) {
			expect(notesFromYdoc(doc).find((n) => n.id === 'bert1')?.text).toBe('Ik ben Bert');
		}
		expect(chrisSaw.has('Bert is dom')).toBe(false);
		expect(refusals().length).toBeGreaterThan(0);
	});

	it('refuses a note under another author, into a locked step, or in a step not reached', async () => {
		const s = await setup();
		const attacker = s.boards.anna.doc;
		addNote(attacker, testNote('forged', { step: 'kennismaking', author: s.ids.bert.id }));
		addNote(
			attacker,
			testNote('named', { step: 'kennismaking', author: s.ids.anna.id, authorName: 'Bert' })
		);
		addNote(
			attacker,
			testNote('own-name', { step: 'kennismaking', author: s.ids.anna.id, authorName: 'Anna' })
		);
		addNote(attacker, testNote('future', { step: 'denkoefening', author: s.ids.anna.id }));
		setStepLocked(s.control.doc, 'kennismaking', true);
		await until(
			() => controlFromYdoc(s.watcher.doc).lockedSteps.includes('kennismaking'),
			5000,
			'lock'
		);
		addNote(attacker, testNote('locked', { step: 'kennismaking', author: s.ids.anna.id }));
		await s.settle(
			() => !['forged', 'future', 'locked', 'named'].some((id) => notesRoot(attacker).has(id))
		);
		await until(
			() => notesRoot(s.boards.bert.doc).has('own-name'),
			5000,
			'a note signed with one’s own name'
		);
		expect(notesFromYdoc(storedBoard(s.room.id)).find((n) => n.id === 'own-name')?.authorName).toBe(
			'Anna'
		);
		for (const doc of [s.boards.bert.doc, storedBoard(s.room.id)]) {
			expect(notesFromYdoc(doc).map((n) => n.id)).not.toContain('forged');
			expect(notesFromYdoc(doc).map((n) => n.id)).not.toContain('locked');
			expect(notesFromYdoc(doc).map((n) => n.id)).not.toContain('future');
			expect(notesFromYdoc(doc).map((n) => n.id)).not.toContain('named');
		}
	});

	it('reads the lock from storage when nobody has the control document open, and sees it change', async () => {
		const room = t.server.app.rooms.create({ title: 'Dicht', workshop: WORKSHOP });
		const anna = t.server.app.rooms.addParticipant(room.id, '', 10);
		const board = t.client(room.id, 'board', anna.key);
		const setLock = async (locked: boolean) => {
			const control = t.client(room.id, 'control', room.facilitatorKey);
			await synced(control);
			setStepLocked(control.doc, 'kennismaking', locked);
			await sleep(100);
			control.destroy();
			await until(() => t.server.app.sync.stats().connections === 1, 5000, 'control closed');
		};
		await synced(board);
		await setLock(true);
		addNote(board.doc, testNote('dicht', { step: 'kennismaking', author: anna.id }));
		await until(() => !notesRoot(board.doc).has('dicht'), 5000, 'refused while locked');
		await setLock(false);
		addNote(board.doc, testNote('open', { step: 'kennismaking', author: anna.id }));
		await until(() => notesRoot(storedBoard(room.id)).has('open'), 5000, 'accepted once unlocked');
		expect(notesRoot(storedBoard(room.id)).has('dicht')).toBe(false);
	});

	it('lets a participant write, edit and delete their own note', async () => {
		const s = await setup();
		const own = s.boards.anna.doc;
		addNote(
			own,
			testNote('mine', { step: 'kennismaking', author: s.ids.anna.id, text: 'Eerste versie' })
		);
		(notesRoot(own).get('mine') as Y.Map<unknown>).set('text', 'Tweede versie');
		await until(() => notesFromYdoc(s.boards.bert.doc)[0]?.text === 'Tweede versie', 5000, 'edit');
		notesRoot(own).delete('mine');
		await until(() => !notesRoot(s.boards.bert.doc).has('mine'), 5000, 'delete');
		expect(refusals()).toEqual([]);
	});

	it('keeps moderation with the facilitator: hiding, clusters and merges', async () => {
		const s = await setup();
		const own = s.boards.anna.doc;
		addNote(
			own,
			testNote('rude', { step: 'kennismaking', author: s.ids.anna.id, text: 'Iets grofs' })
		);
		await until(() => notesRoot(s.desk.doc).has('rude'), 5000, 'note at the desk');
		setNoteHidden(s.desk.doc, 'rude', true);
		await until(() => notesFromYdoc(own)[0]?.hidden === true, 5000, 'hidden');
		setNoteHidden(own, 'rude', false);
		(notesRoot(own).get('rude') as Y.Map<unknown>).set('cluster', 'c1');
		await s.settle(() => notesFromYdoc(own).find((n) => n.id === 'rude')?.hidden === true);
		const stored = notesFromYdoc(storedBoard(s.room.id)).find((n) => n.id === 'rude')!;
		expect(stored).toMatchObject({ hidden: true, cluster: '' });
		expect(notesFromYdoc(s.boards.bert.doc).find((n) => n.id === 'rude')?.hidden).toBe(true);
	});

	it('holds dot votes to the step’s limit, the voter’s own dots and open voting', async () => {
		const s = await setup();
		await s.goTo(INDEX.denkoefening);
		addNote(s.boards.bert.doc, testNote('idee', { step: 'denkoefening', author: s.ids.bert.id }));
		await until(() => notesRoot(s.boards.anna.doc).has('idee'), 5000, 'idea');
		const attacker = s.boards.anna.doc;
		dotsRoot(attacker).set(`denkoefening|${s.ids.anna.id}|idee`, 1);
		await s.settle(() => !dotsRoot(attacker).has(`denkoefening|${s.ids.anna.id}|idee`));

		setVotingOpen(s.control.doc, 'denkoefening', true);
		await until(
			() => controlFromYdoc(s.watcher.doc).votingSteps.includes('denkoefening'),
			5000,
			'voting'
		);
		placeDot(attacker, {
			step: 'denkoefening',
			participant: s.ids.anna.id,
			target: 'idee',
			delta: 1,
			limit: 3
		});
		dotsRoot(attacker).set(`denkoefening|${s.ids.bert.id}|idee`, 70);
		await s.settle(() => !dotsRoot(attacker).has(`denkoefening|${s.ids.bert.id}|idee`));
		dotsRoot(attacker).set(`denkoefening|${s.ids.anna.id}|idee`, 70);
		await s.settle(() => dotsRoot(attacker).get(`denkoefening|${s.ids.anna.id}|idee`) === 1);
		const stored = dotsRoot(storedBoard(s.room.id));
		expect([...stored.entries()]).toEqual([[`denkoefening|${s.ids.anna.id}|idee`, 1]]);
	});

	it('keeps ballots, unknown parts and oversized text off the board, for every role', async () => {
		const s = await setup();
		const attacker = s.boards.anna.doc;
		attacker.getMap('ballots').set(`x|${s.ids.anna.id}|y`, 'approve');
		attacker.getMap('graffiti').set('a', 'b'.repeat(1000));
		attacker.getText('scribble').insert(0, 'tekst');
		addNote(attacker, testNote('long', { step: 'kennismaking', author: s.ids.anna.id }));
		(notesRoot(attacker).get('long') as Y.Map<unknown>).set('text', 'x'.repeat(900_000));
		notesRoot(s.desk.doc).set(
			'desk',
			new Y.Map([
				['text', 'y'.repeat(600)],
				['step', 'kennismaking'],
				['author', 'facilitator'],
				['created', 1]
			])
		);
		await s.settle(
			() => (notesRoot(attacker).get('long') as Y.Map<unknown>)?.get('text') !== 'x'.repeat(900_000)
		);
		const stored = storedBoard(s.room.id);
		expect([...stored.getMap('ballots').keys()]).toEqual([]);
		expect(stored.getMap('graffiti').size).toBe(0);
		expect(stored.getText('scribble').toString()).toBe('');
		expect(notesRoot(stored).has('desk')).toBe(false);
		expect(notesFromYdoc(stored).find((n) => n.id === 'long')?.text).toBe('notitie long');
		expect(t.server.app.store.load(s.room.id, 'board').bytes).toBeLessThan(100_000);
	});

	it('keeps actions, ratings and checklist answers to their owners and the step’s items', async () => {
		const s = await setup();
		await s.goTo(10);
		proposeAction(s.boards.bert.doc, {
			id: 'a-bert',
			step: 'aan-de-slag',
			author: s.ids.bert.id,
			created: 1,
			title: 'Buurtfeest'
		});
		proposeAction(s.boards.anna.doc, {
			id: 'a-anna',
			step: 'aan-de-slag',
			author: s.ids.anna.id,
			created: 2,
			title: 'Koffiemoment'
		});
		await until(
			() => actionsRoot(s.desk.doc).has('a-bert') && actionsRoot(s.boards.anna.doc).has('a-bert'),
			5000,
			'actions'
		);
		setActionStatus(s.desk.doc, 'a-bert', 'confirmed');
		await until(
			() =>
				actionsFromYdoc(s.boards.bert.doc).find((a) => a.id === 'a-bert')?.status === 'confirmed',
			5000,
			'confirmed'
		);
		const anna = s.boards.anna.doc;
		updateAction(anna, 'a-bert', { title: 'Gekaapt' });
		setActionStatus(anna, 'a-anna', 'confirmed');
		updateAction(s.boards.bert.doc, 'a-bert', { title: 'Na bevestiging' });
		// Sent after the edit on the same socket: once it is in, the edit was judged.
		addNote(
			s.boards.bert.doc,
			testNote('bert-after', { step: 'kennismaking', author: s.ids.bert.id })
		);
		await until(() => notesRoot(s.desk.doc).has('bert-after'), 5000, 'bert’s later note');
		rateBlock(anna, {
			step: 'referentiekader',
			participant: s.ids.bert.id,
			block: 'detectie',
			rating: 'strong'
		});
		rateBlock(anna, {
			step: 'referentiekader',
			participant: s.ids.anna.id,
			block: 'verzonnen',
			rating: 'strong'
		});
		rateBlock(anna, {
			step: 'referentiekader',
			participant: s.ids.anna.id,
			block: 'detectie',
			rating: 'partly'
		});
		answerCheckItem(anna, { step: 'voorbereiding', item: 'verzonnen', answer: 'yes', note: '' });
		addNote(
			anna,
			testNote('example', { step: 'referentiekader', column: 'detectie', author: s.ids.anna.id })
		);
		addNote(
			anna,
			testNote('astray', { step: 'referentiekader', column: 'verzonnen', author: s.ids.anna.id })
		);
		answerCheckItem(anna, {
			step: 'voorbereiding',
			item: 'mandaat',
			answer: 'partly',
			note: 'nog geen budget'
		});
		s.desk.doc.getMap('graffiti').set('door', 'de begeleider');
		await s.settle(
			() => actionsFromYdoc(anna).find((a) => a.id === 'a-bert')?.title === 'Buurtfeest'
		);
		const stored = storedBoard(s.room.id);
		const actions = actionsFromYdoc(stored);
		expect(actions.find((a) => a.id === 'a-bert')).toMatchObject({
			title: 'Buurtfeest',
			status: 'confirmed'
		});
		expect(actions.find((a) => a.id === 'a-anna')?.status).toBe('proposed');
		expect(ratingsFromYdoc(stored).map((r) => `${r.participant}|${r.block}`)).toEqual([
			`${s.ids.anna.id}|detectie`
		]);
		// The group's checklist answer is the facilitator's: a participant only proposes.
		expect(checklistFromYdoc(stored)).toEqual([]);
		expect(stored.getMap('graffiti').size).toBe(0);
		expect(notesRoot(stored).has('example')).toBe(true);
		expect(notesRoot(stored).has('astray')).toBe(false);
	});

	it('keeps the checklist answer the facilitator confirmed; participants only propose', async () => {
		const s = await setup();
		await s.goTo(INDEX.voorbereiding);
		const mandaat = { step: 'voorbereiding', item: 'mandaat' };
		answerCheckItem(s.desk.doc, { ...mandaat, answer: 'partly', note: 'nog geen budget' });
		const confirmed = (doc: Y.Doc) =>
			checklistFromYdoc(doc).find((a) => a.item === 'mandaat')?.answer === 'partly';
		await until(() => confirmed(s.boards.anna.doc), 5000, 'the facilitator’s answer');

		const anna = s.boards.anna.doc;
		// The tap that used to overwrite "Deels — nog geen budget" with "ja".
		answerCheckItem(anna, { ...mandaat, answer: 'yes', note: 'nog geen budget' });
		answerCheckItem(anna, { step: 'voorbereiding', item: 'participatie', answer: 'no', note: '' });
		proposeCheckAnswer(anna, { ...mandaat, participant: s.ids.anna.id, answer: 'yes' });
		proposeCheckAnswer(anna, { ...mandaat, participant: s.ids.bert.id, answer: 'no' });
		proposeCheckAnswer(anna, {
			step: 'voorbereiding',
			item: 'verzonnen',
			participant: s.ids.anna.id,
			answer: 'no'
		});
		await s.settle(() => confirmed(anna) && checkProposalsFromYdoc(anna).length === 1);

		const stored = storedBoard(s.room.id);
		expect(checklistFromYdoc(stored)).toEqual([
			{ ...mandaat, answer: 'partly', note: 'nog geen budget' }
		]);
		expect(checkProposalsFromYdoc(stored)).toEqual([
			{ ...mandaat, participant: s.ids.anna.id, answer: 'yes' }
		]);
		await until(() => checkProposalsFromYdoc(s.desk.doc).length === 1, 5000, 'the proposal');
		expect(confirmed(s.boards.bert.doc)).toBe(true);
		expect(refusals().some((e) => String(e.fields.reason).includes('facilitator confirms'))).toBe(
			true
		);

		// A locked step takes no more proposals.
		setStepLocked(s.control.doc, 'voorbereiding', true);
		await until(
			() => controlFromYdoc(s.watcher.doc).lockedSteps.includes('voorbereiding'),
			5000,
			'locked'
		);
		proposeCheckAnswer(anna, { ...mandaat, participant: s.ids.anna.id, answer: 'no' });
		await s.settle(
			() => checkProposalsFromYdoc(anna).find((p) => p.item === 'mandaat')?.answer === 'yes'
		);
	});

	it('drops an update whose dependencies never arrive, and closes its connection', async () => {
		const s = await setup();
		const elsewhere = new Y.Doc();
		addNote(elsewhere, testNote('first', { step: 'kennismaking', author: s.ids.anna.id }));
		const before = Y.encodeStateVector(elsewhere);
		(notesRoot(elsewhere).get('first') as Y.Map<unknown>).set('text', 'z'.repeat(400));
		const dangling = Y.encodeStateAsUpdate(elsewhere, before);
		const closed = new Promise<number>((resolve) =>
			s.boards.anna.provider.ws!.addEventListener('close', (event) => resolve(event.code))
		);
		s.boards.anna.provider.ws!.send(updateMessage(dangling));
		expect(await closed).toBe(4422);
		const server = t.server.app.store.load(s.room.id, 'board');
		expect(notesRoot(storedBoard(s.room.id)).has('first')).toBe(false);
		expect(server.bytes).toBeLessThan(10_000);
	});

	it('refuses changes written under another writer’s client id, so theirs still arrive', async () => {
		const s = await setup();
		// The app announces each browser's presence on connect (claiming its id before it writes
		// anything); a browser that wrote once has claimed its id by writing.
		s.desk.provider.awareness.setLocalStateField('role', 'facilitator');
		addNote(
			s.boards.bert.doc,
			testNote('bert-first', { step: 'kennismaking', author: s.ids.bert.id })
		);
		await until(() => notesRoot(s.boards.anna.doc).has('bert-first'), 5000, 'bert’s first note');
		await until(
			() => s.boards.anna.provider.awareness.getStates().has(s.desk.doc.clientID),
			5000,
			'presence'
		);
		const victims = [s.desk, s.boards.bert];
		for (const victim of victims) {
			// Anyone learns every client id from presence and from the structs themselves.
			const forge = new Y.Doc();
			Y.applyUpdate(forge, Y.encodeStateAsUpdate(victim.doc));
			forge.clientID = victim.doc.clientID;
			const before = Y.encodeStateVector(forge);
			addNote(
				forge,
				testNote(`forged-${victim.doc.clientID}`, { step: 'kennismaking', author: s.ids.anna.id })
			);
			s.boards.anna.provider.ws!.send(updateMessage(Y.encodeStateAsUpdate(forge, before)));
		}
		await sleep(300);
		addNote(s.desk.doc, testNote('desk-real', { step: 'kennismaking', author: 'facilitator' }));
		addNote(
			s.boards.bert.doc,
			testNote('bert-real', { step: 'kennismaking', author: s.ids.bert.id })
		);
		await until(
			() => ['desk-real', 'bert-real'].every((id) => notesRoot(s.boards.chris.doc).has(id)),
			5000,
			'the real changes'
		);
		const ids = notesFromYdoc(storedBoard(s.room.id)).map((n) => n.id);
		expect(ids).toEqual(expect.arrayContaining(['desk-real', 'bert-real']));
		expect(ids.filter((id) => id.startsWith('forged'))).toEqual([]);
	});

	it('closes a connection that keeps sending refused changes', async () => {
		const s = await setup();
		const closed = new Promise<number>((resolve) =>
			s.boards.anna.provider.ws!.addEventListener('close', (event) => resolve(event.code))
		);
		for (let i = 0; i < 40; i++)
			addNote(
				s.boards.anna.doc,
				testNote(`f${i}`, { step: 'kennismaking', author: s.ids.bert.id })
			);
		expect(await closed).toBe(4403);
	});
});

describe('guard rules in memory', () => {
	it('fails closed when the rules cannot be judged', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		addNote(client, testNote('n', { step: 'kennismaking', author: 'p' }));
		const result = applyGuardedUpdate(server, Y.encodeStateAsUpdate(client), null, {
			kind: 'board',
			actor: { role: 'participant', id: 'p', name: '' },
			context: () => {
				throw new Error('no context');
			}
		});
		expect(result.refusals[0]?.reason).toContain('could not be checked');
		expect(notesRoot(server).size).toBe(0);
	});
});
