import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { controlFromYdoc, dotVoters, setVotingOpen, voteProgress } from '../../src/lib/board';

const dot = (participant: string, target: string, count = 1, step = 'stemmen') => ({
	step,
	participant,
	target,
	count
});

describe('vote progress', () => {
	it('counts each voter once, only in the step', () => {
		const dots = [dot('a', 'n1'), dot('a', 'n2', 2), dot('b', 'n1'), dot('c', 'n1', 1, 'ander')];
		expect(dotVoters(dots, 'stemmen')).toBe(2);
	});

	it('says nothing before the vote opens, and never fewer present than voted', () => {
		const doc = new Y.Doc();
		const step = { id: 'stemmen', type: 'brainstorm', options: { votes: 3 } };
		expect(voteProgress(step, controlFromYdoc(doc), [dot('a', 'n1')], 18)).toBeNull();
		setVotingOpen(doc, 'stemmen', true);
		const control = controlFromYdoc(doc);
		expect(voteProgress(step, control, [dot('a', 'n1'), dot('b', 'n2')], 18)).toEqual({
			voted: 2,
			total: 18
		});
		expect(voteProgress(step, control, [dot('a', 'n1'), dot('b', 'n2')], 1)).toEqual({
			voted: 2,
			total: 2
		});
	});
});
