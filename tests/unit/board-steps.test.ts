import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	actionsByPriority,
	actionsFromYdoc,
	addNote,
	answerCheckItem,
	ballotsFromYdoc,
	castBallot,
	checklistFromYdoc,
	clustersFromYdoc,
	controlFromYdoc,
	createCluster,
	deleteCluster,
	dotsFromYdoc,
	dotsLeft,
	heatMap,
	keyOf,
	leastFulfilled,
	mergeNotes,
	mergeRedirect,
	moveToCluster,
	notesFromYdoc,
	outcomeOf,
	placeDot,
	proposeAction,
	rateBlock,
	ratingProgress,
	ratingsFromYdoc,
	setActionStatus,
	setRevealed,
	setVotingOpen,
	tallyBallots,
	tallyDots,
	updateAction,
	visibleNotes,
	VoteError,
	withdrawBallot,
	wordCloud
} from '../../src/lib/board';

const note = (id: string, created = 1) => ({
	id,
	text: id,
	step: 'b',
	author: 'p',
	authorName: '',
	created
});

describe('clusters and duplicates', () => {
	it('groups notes in titled clusters and ungroups them when a cluster goes', () => {
		const doc = new Y.Doc();
		addNote(doc, note('n1'));
		addNote(doc, note('n2'));
		createCluster(doc, { id: 'c1', step: 'b', title: ' Ontmoeten ', created: 1 });
		moveToCluster(doc, 'n1', 'c1');
		expect(clustersFromYdoc(doc)).toEqual([
			{ id: 'c1', step: 'b', title: 'Ontmoeten', created: 1 }
		]);
		expect(notesFromYdoc(doc).find((n) => n.id === 'n1')!.cluster).toBe('c1');
		expect(() => moveToCluster(doc, 'n2', 'nope')).toThrow(/no cluster/);
		deleteCluster(doc, 'c1');
		expect(notesFromYdoc(doc).every((n) => n.cluster === '')).toBe(true);
	});

	it('merges duplicates: they leave the list and their dots count for the original', () => {
		const doc = new Y.Doc();
		for (const id of ['a', 'b', 'c']) addNote(doc, note(id));
		mergeNotes(doc, 'b', 'c');
		mergeNotes(doc, 'a', 'b');
		const notes = notesFromYdoc(doc);
		expect(visibleNotes(notes).map((n) => n.id)).toEqual(['a']);
		expect(notes.find((n) => n.id === 'c')!.mergedInto).toBe('a');
		placeDot(doc, { step: 'b', participant: 'p1', target: 'c', delta: 1, limit: 3 });
		placeDot(doc, { step: 'b', participant: 'p2', target: 'a', delta: 1, limit: 3 });
		expect(tallyDots(dotsFromYdoc(doc), 'b', 3, mergeRedirect(notes)).get('a')).toBe(2);
		expect(() => mergeNotes(doc, 'a', 'a')).toThrow();
	});
});

describe('dot voting', () => {
	it('refuses dots past the limit and counts at most the limit per participant', () => {
		const doc = new Y.Doc();
		const dot = (target: string, delta: 1 | -1 = 1) =>
			placeDot(doc, { step: 's', participant: 'p', target, delta, limit: 2 });
		dot('x');
		dot('x');
		expect(() => dot('y')).toThrow(VoteError);
		dot('x', -1);
		dot('y');
		expect(dotsLeft(dotsFromYdoc(doc), 's', 'p', 2)).toBe(0);
		expect(Object.fromEntries(tallyDots(dotsFromYdoc(doc), 's', 2))).toEqual({ x: 1, y: 1 });
		dot('x', -1);
		expect(() => dot('x', -1)).toThrow(/no dot/);
	});

	it('never counts more than the limit when two devices of one participant vote at once', () => {
		const [phone, laptop] = [new Y.Doc(), new Y.Doc()];
		placeDot(phone, { step: 's', participant: 'p', target: 'a', delta: 1, limit: 1 });
		placeDot(laptop, { step: 's', participant: 'p', target: 'b', delta: 1, limit: 1 });
		Y.applyUpdate(phone, Y.encodeStateAsUpdate(laptop));
		const tally = tallyDots(dotsFromYdoc(phone), 's', 1);
		expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(1);
		expect(dotsLeft(dotsFromYdoc(phone), 's', 'p', 1)).toBe(0);
	});

	it('refuses ids that would make keys ambiguous', () => {
		expect(() => keyOf('a|b', 'c')).toThrow(RangeError);
		expect(() => keyOf('', 'c')).toThrow(RangeError);
	});
});

describe('assessment', () => {
	const blocks = ['analyse', 'visie', 'detectie'];
	it('shows the spread per block and the blocks fulfilled least', () => {
		const doc = new Y.Doc();
		const rate = (
			participant: string,
			block: string,
			rating: 'strong' | 'partly' | 'notyet' | 'unknown'
		) => rateBlock(doc, { step: 'r', participant, block, rating });
		rate('p1', 'analyse', 'strong');
		rate('p2', 'analyse', 'notyet');
		rate('p1', 'visie', 'notyet');
		rate('p2', 'visie', 'notyet');
		rate('p1', 'detectie', 'unknown');
		rate('p2', 'detectie', 'partly');
		rate('p2', 'detectie', 'strong');
		const spread = heatMap(ratingsFromYdoc(doc), 'r', blocks);
		expect(spread[0]).toEqual({
			block: 'analyse',
			counts: { strong: 1, partly: 0, notyet: 1, unknown: 0 },
			rated: 2,
			score: 0.5
		});
		expect(spread[2]!.score).toBe(1);
		expect(leastFulfilled(spread, 2).map((b) => b.block)).toEqual(['visie', 'analyse']);
		expect(ratingProgress(ratingsFromYdoc(doc), 'r', blocks)).toEqual({ started: 2, complete: 2 });
		expect(() =>
			rateBlock(doc, { step: 'r', participant: 'p', block: 'x', rating: 'veel' as 'strong' })
		).toThrow();
	});

	it('leaves blocks nobody could judge out of the least fulfilled', () => {
		const spread = heatMap(
			[{ step: 'r', participant: 'p', block: 'visie', rating: 'unknown' }],
			'r',
			blocks
		);
		expect(spread.every((b) => b.score === null)).toBe(true);
		expect(leastFulfilled(spread)).toEqual([]);
	});
});

describe('checklist', () => {
	it('keeps the group answer and note per item', () => {
		const doc = new Y.Doc();
		answerCheckItem(doc, {
			step: 'v',
			item: 'mandaat',
			answer: 'partly',
			note: ' schepen akkoord '
		});
		answerCheckItem(doc, { step: 'v', item: 'mandaat', answer: 'yes', note: 'college akkoord' });
		expect(checklistFromYdoc(doc)).toEqual([
			{ step: 'v', item: 'mandaat', answer: 'yes', note: 'college akkoord' }
		]);
		expect(() =>
			answerCheckItem(doc, { step: 'v', item: 'x', answer: 'misschien' as 'yes', note: '' })
		).toThrow();
	});
});

describe('statements', () => {
	it('tallies one vote per participant and decides by the rule', () => {
		const doc = new Y.Doc();
		const vote = (participant: string, choice: 'approve' | 'reject' | 'abstain') =>
			castBallot(doc, { step: 'v', participant, statement: 'r1', choice });
		vote('p1', 'reject');
		vote('p1', 'approve');
		vote('p2', 'approve');
		vote('p3', 'reject');
		vote('p4', 'abstain');
		const tally = tallyBallots(ballotsFromYdoc(doc), 'v', 'r1');
		expect(tally).toEqual({ approve: 2, reject: 1, abstain: 1 });
		expect(outcomeOf(tally)).toBe('approved');
		expect(outcomeOf(tally, 'two-thirds')).toBe('approved');
		expect(outcomeOf({ approve: 1, reject: 1, abstain: 5 })).toBe('not-approved');
		expect(outcomeOf({ approve: 0, reject: 0, abstain: 3 })).toBe('not-approved');
		expect(outcomeOf({ approve: 3, reject: 2, abstain: 0 }, 'two-thirds')).toBe('not-approved');
		withdrawBallot(doc, { step: 'v', participant: 'p4', statement: 'r1' });
		expect(tallyBallots(ballotsFromYdoc(doc), 'v', 'r1').abstain).toBe(0);
	});
});

describe('action planner', () => {
	it('takes proposals, edits fields separately, confirms and sorts by priority', () => {
		const [one, two] = [new Y.Doc(), new Y.Doc()];
		proposeAction(one, {
			id: 'a1',
			step: 'plan',
			author: 'p1',
			created: 1,
			title: 'Buurtfeest',
			block: 'sociale-netwerken'
		});
		proposeAction(one, {
			id: 'a2',
			step: 'plan',
			author: 'p2',
			created: 2,
			title: 'Huisbezoeken 80+'
		});
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		updateAction(one, 'a1', { lead: 'OCMW' });
		updateAction(two, 'a1', { when: 'voorjaar' });
		setActionStatus(two, 'a1', 'confirmed');
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		const actions = actionsFromYdoc(one);
		expect(actions[0]).toMatchObject({
			title: 'Buurtfeest',
			lead: 'OCMW',
			when: 'voorjaar',
			status: 'confirmed'
		});
		expect(actionsFromYdoc(two)).toEqual(actions);
		expect(actionsByPriority(actions, new Map([['a2', 3]])).map((a) => a.id)).toEqual(['a2', 'a1']);
		expect(() => updateAction(one, 'a1', { title: ' ' })).toThrow(/title/);
		expect(() => proposeAction(one, { id: 'a3', step: 'plan', author: 'p', created: 3 })).toThrow(
			/title/
		);
	});
});

describe('reveal and voting flags', () => {
	it('opens voting and reveals results per step', () => {
		const doc = new Y.Doc();
		setVotingOpen(doc, 'b', true);
		setRevealed(doc, 'b', true);
		setRevealed(doc, 'c', true);
		setRevealed(doc, 'c', false);
		expect(controlFromYdoc(doc)).toMatchObject({ votingSteps: ['b'], revealedSteps: ['b'] });
	});
});

describe('word cloud', () => {
	it('counts one-word answers regardless of case and trailing punctuation', () => {
		const notes = ['Warm', 'warm!', 'Verbonden', ' thuis ', 'Thuis.', 'thuis'].map((text, i) => ({
			id: `w${i}`,
			text,
			step: 'beeld',
			column: '',
			author: 'p',
			authorName: '',
			created: i,
			hidden: false,
			cluster: '',
			mergedInto: ''
		}));
		expect(wordCloud(notes)).toEqual([
			{ word: 'thuis', count: 3 },
			{ word: 'Warm', count: 2 },
			{ word: 'Verbonden', count: 1 }
		]);
	});
});
