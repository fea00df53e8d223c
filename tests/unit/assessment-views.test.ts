import { describe, expect, it } from 'vitest';
import {
	examplesByBlock,
	groupBlocks,
	heatMap,
	leastFulfilled,
	ratingProgress,
	ratingsOf,
	roomProgress,
	type BlockRating
} from '../../src/lib/board';
import { loadWorkshops } from '../../src/lib/workshop/files';
import { publicWorkshop, summarize } from '../../src/lib/workshop/types';

const rating = (participant: string, block: string, value: BlockRating['rating']): BlockRating => ({
	step: 'kader',
	participant,
	block,
	rating: value
});

describe('assessment views', () => {
	it('gives a participant their own ratings on one step only', () => {
		const ratings = [
			rating('p1', 'a', 'strong'),
			rating('p1', 'b', 'notyet'),
			rating('p2', 'a', 'partly'),
			{ ...rating('p1', 'c', 'partly'), step: 'other' }
		];
		expect(ratingsOf(ratings, 'kader', 'p1')).toEqual({ a: 'strong', b: 'notyet' });
		expect(ratingsOf(ratings, 'kader', 'p3')).toEqual({});
	});

	it('counts everyone taking part: present people and those who already rated', () => {
		const ratings = [
			rating('p1', 'a', 'strong'),
			rating('p1', 'b', 'strong'),
			rating('p2', 'a', 'notyet')
		];
		const progress = ratingProgress(ratings, 'kader', ['a', 'b']);
		expect(roomProgress(progress, 5)).toEqual({ done: 1, total: 5 });
		// Two rated but only one phone is still connected.
		expect(roomProgress(progress, 1)).toEqual({ done: 1, total: 2 });
		expect(roomProgress({ started: 0, complete: 0 }, 0)).toEqual({ done: 0, total: 0 });
	});

	it('puts blocks under their group in the order of the framework', () => {
		const blocks = [
			{ id: 'analyse', group: 'beleidsmatig' },
			{ id: 'visie', group: 'voorwaardenscheppend' },
			{ id: 'netwerk', group: 'meer-net' },
			{ id: 'partners', group: 'voorwaardenscheppend' }
		];
		expect(groupBlocks(blocks).map((g) => [g.group, g.blocks.map((b) => b.id)])).toEqual([
			['voorwaardenscheppend', ['visie', 'partners']],
			['beleidsmatig', ['analyse']],
			['meer-net', ['netwerk']]
		]);
	});

	it('groups practice examples by block, leaving notes without a block out', () => {
		const notes = [
			{ id: '1', step: 'kader', column: 'detectie' },
			{ id: '2', step: 'kader', column: '' },
			{ id: '3', step: 'other', column: 'detectie' },
			{ id: '4', step: 'kader', column: 'detectie' },
			{ id: '5', step: 'kader', column: 'inclusie' }
		];
		const byBlock = examplesByBlock(notes, 'kader');
		expect(Object.keys(byBlock).sort()).toEqual(['detectie', 'inclusie']);
		expect(byBlock.detectie!.map((n) => n.id)).toEqual(['1', '4']);
	});

	it('shows the spread next to the least fulfilled blocks', () => {
		const ratings = [
			rating('p1', 'a', 'strong'),
			rating('p2', 'a', 'notyet'),
			rating('p1', 'b', 'notyet'),
			rating('p2', 'b', 'notyet'),
			rating('p1', 'c', 'unknown')
		];
		const spread = heatMap(ratings, 'kader', ['a', 'b', 'c']);
		expect(spread[0]!.counts).toEqual({ strong: 1, partly: 0, notyet: 1, unknown: 0 });
		expect(leastFulfilled(spread, 2).map((s) => s.block)).toEqual(['b', 'a']);
	});
});

describe('building blocks for the views', () => {
	it('sends the blocks of the assessment step, with group, meaning and question, to every view', () => {
		const workshop = loadWorkshops().workshops.find(
			(w) => w.id === 'visievorming-zorgzame-buurten'
		)!;
		const step = publicWorkshop(workshop).steps.find((s) => s.type === 'assessment')!;
		const blocks = step.options!.seedItems!.map((item) => ({ ...item, group: item.group ?? '' }));
		expect(blocks).toHaveLength(8);
		const detectie = blocks.find((b) => b.id === 'detectie')!;
		expect(detectie.group).toBe('minder-mazen');
		expect(detectie.text!.nl).toContain('zorgnoden');
		expect(detectie.question!.en).toBeTruthy();
		expect(groupBlocks(blocks).map((g) => g.blocks.length)).toEqual([3, 1, 2, 2]);
		expect(summarize(workshop)).not.toHaveProperty('steps');
	});
});
