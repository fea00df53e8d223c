import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	answerCheckItem,
	castBallot,
	ballotsFromYdoc,
	checkAnswerOf,
	checklistFromYdoc,
	checklistSummary,
	choicesOf,
	voteResults,
	voterCount,
	votingPhase,
	type Ballot
} from '../../src/lib/board';

const ballot = (participant: string, statement: string, choice: Ballot['choice']): Ballot => ({
	step: 'stem',
	participant,
	statement,
	choice
});

describe('checklist helpers', () => {
	it('reads the shared answer of an item, last writer wins', () => {
		const doc = new Y.Doc();
		answerCheckItem(doc, { step: 'prep', item: 'mandaat', answer: 'yes', note: '' });
		answerCheckItem(doc, {
			step: 'prep',
			item: 'mandaat',
			answer: 'partly',
			note: ' enkel mondeling '
		});
		const answers = checklistFromYdoc(doc);
		expect(checkAnswerOf(answers, 'prep', 'mandaat')).toEqual({
			answer: 'partly',
			note: 'enkel mondeling'
		});
		expect(checkAnswerOf(answers, 'prep', 'budget')).toEqual({ answer: '', note: '' });
		expect(checkAnswerOf(answers, 'other', 'mandaat')).toEqual({ answer: '', note: '' });
	});

	it('counts yes, partly, no and open items of one step', () => {
		const doc = new Y.Doc();
		answerCheckItem(doc, { step: 'prep', item: 'a', answer: 'yes', note: '' });
		answerCheckItem(doc, { step: 'prep', item: 'b', answer: 'no', note: 'nog niet' });
		answerCheckItem(doc, { step: 'prep', item: 'c', answer: '', note: 'weet niet' });
		answerCheckItem(doc, { step: 'elders', item: 'd', answer: 'yes', note: '' });
		answerCheckItem(doc, { step: 'prep', item: 'gone', answer: 'yes', note: '' });
		expect(checklistSummary(checklistFromYdoc(doc), 'prep', ['a', 'b', 'c', 'd'])).toEqual({
			yes: 1,
			partly: 0,
			no: 1,
			open: 2
		});
	});
});

describe('vote helpers', () => {
	it('knows the phase: closed until opened, revealed ends the voting', () => {
		expect(votingPhase({ votingSteps: [], revealedSteps: [] }, 'stem')).toBe('closed');
		expect(votingPhase({ votingSteps: ['stem'], revealedSteps: [] }, 'stem')).toBe('open');
		expect(votingPhase({ votingSteps: ['stem'], revealedSteps: ['stem'] }, 'stem')).toBe(
			'revealed'
		);
		expect(votingPhase({ votingSteps: ['x'], revealedSteps: ['y'] }, 'stem')).toBe('closed');
	});

	it("gives a participant's own choices, changed votes replaced", () => {
		const doc = new Y.Doc();
		castBallot(doc, ballot('p1', 'r1', 'approve'));
		castBallot(doc, ballot('p1', 'r1', 'reject'));
		castBallot(doc, ballot('p1', 'r2', 'abstain'));
		castBallot(doc, ballot('p2', 'r1', 'approve'));
		castBallot(doc, { ...ballot('p1', 'r3', 'approve'), step: 'other' });
		expect(choicesOf(ballotsFromYdoc(doc), 'stem', 'p1')).toEqual({ r1: 'reject', r2: 'abstain' });
		expect(choicesOf(ballotsFromYdoc(doc), 'stem', 'p3')).toEqual({});
	});

	it('tallies every statement in order with the step rule', () => {
		const ballots = [
			ballot('p1', 'r1', 'approve'),
			ballot('p2', 'r1', 'approve'),
			ballot('p3', 'r1', 'reject'),
			ballot('p1', 'r2', 'approve'),
			ballot('p2', 'r2', 'reject'),
			ballot('p3', 'r2', 'abstain')
		];
		const majority = voteResults(ballots, 'stem', ['r2', 'r1', 'r9']);
		expect(majority.map((r) => [r.statement, r.voters, r.outcome])).toEqual([
			['r2', 3, 'not-approved'],
			['r1', 3, 'approved'],
			['r9', 0, 'not-approved']
		]);
		expect(majority[1]!.tally).toEqual({ approve: 2, reject: 1, abstain: 0 });
		const twoThirds = voteResults(ballots, 'stem', ['r1'], 'two-thirds');
		expect(twoThirds[0]!.outcome).toBe('approved');
		const short = voteResults(
			[...ballots, ballot('p4', 'r1', 'reject')],
			'stem',
			['r1'],
			'two-thirds'
		);
		expect(short[0]!.outcome).toBe('not-approved');
	});

	it('counts distinct voters per step', () => {
		const ballots = [
			ballot('p1', 'r1', 'approve'),
			ballot('p1', 'r2', 'reject'),
			ballot('p2', 'r1', 'abstain'),
			{ ...ballot('p3', 'r1', 'approve'), step: 'other' }
		];
		expect(voterCount(ballots, 'stem')).toBe(2);
		expect(voterCount(ballots, 'none')).toBe(0);
	});
});
