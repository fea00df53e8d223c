import { describe, expect, it } from 'vitest';
import type { Cluster, Dot, Note } from '../../src/lib/board';
import {
	dotResultsKey,
	dotToTakeBack,
	duplicatesByNote,
	groupByCluster,
	groupByColumn,
	notesPrivate,
	ownDots,
	sortByDots,
	topByDots
} from '../../src/lib/board/brainstorm';

function note(id: string, extra: Partial<Note> = {}): Note {
	return {
		id,
		text: `text ${id}`,
		step: 's',
		column: '',
		author: 'p1',
		authorName: '',
		created: 0,
		hidden: false,
		cluster: '',
		mergedInto: '',
		...extra
	};
}

const cluster = (id: string, title = id): Cluster => ({ id, step: 's', title, created: 0 });
const dot = (participant: string, target: string, count = 1): Dot => ({
	step: 's',
	participant,
	target,
	count
});

describe('groupByCluster', () => {
	it('puts notes under their clusters in cluster order, loose notes last', () => {
		const notes = [note('a', { cluster: 'c2' }), note('b'), note('c', { cluster: 'c1' })];
		const groups = groupByCluster(notes, [cluster('c1'), cluster('c2')]);
		expect(groups.map((g) => [g.cluster?.id ?? null, g.notes.map((n) => n.id)])).toEqual([
			['c1', ['c']],
			['c2', ['a']],
			[null, ['b']]
		]);
	});

	it('leaves out empty clusters unless asked, and treats an unknown cluster as none', () => {
		const notes = [note('a', { cluster: 'gone' })];
		expect(groupByCluster(notes, [cluster('c1')]).map((g) => g.cluster)).toEqual([null]);
		expect(groupByCluster([], [cluster('c1')], true).map((g) => g.cluster?.id)).toEqual(['c1']);
	});
});

describe('groupByColumn', () => {
	it('groups each prompt column by cluster; unknown columns land in the first', () => {
		const notes = [
			note('a', { column: 'x', cluster: 'c1' }),
			note('b', { column: 'y', cluster: 'c1' }),
			note('c', { column: 'y' }),
			note('d', { column: 'old' })
		];
		const columns = groupByColumn(notes, [cluster('c1')], ['x', 'y']);
		expect(
			columns.map((c) => [c.column, c.groups.map((g) => [g.cluster?.id, g.notes.map((n) => n.id)])])
		).toEqual([
			[
				'x',
				[
					['c1', ['a']],
					[undefined, ['d']]
				]
			],
			[
				'y',
				[
					['c1', ['b']],
					[undefined, ['c']]
				]
			]
		]);
	});

	it('makes one column when the step has none', () => {
		const columns = groupByColumn([note('a')], [], []);
		expect(columns).toHaveLength(1);
		expect(columns[0]!.groups[0]!.notes.map((n) => n.id)).toEqual(['a']);
	});
});

describe('sortByDots', () => {
	it('puts the most dots first and keeps the order of equals', () => {
		const tally = new Map([
			['b', 3],
			['c', 1],
			['d', 3]
		]);
		const sorted = sortByDots([note('a'), note('b'), note('c'), note('d')], tally);
		expect(sorted.map((n) => n.id)).toEqual(['b', 'd', 'c', 'a']);
	});
});

describe('topByDots', () => {
	it('ranks the whole board, keeps only cards with dots, and stops at the count', () => {
		const tally = new Map([
			['a', 1],
			['b', 4],
			['c', 2],
			['e', 4]
		]);
		const notes = [note('a'), note('b', { column: 'x' }), note('c'), note('d'), note('e')];
		expect(topByDots(notes, tally, 3)).toEqual([
			{ item: notes[1], dots: 4 },
			{ item: notes[4], dots: 4 },
			{ item: notes[2], dots: 2 }
		]);
		expect(topByDots([note('d')], tally, 3)).toEqual([]);
	});
});

describe('duplicates and own dots', () => {
	const notes = [note('keep'), note('dup', { mergedInto: 'keep' }), note('other')];
	const redirect = (t: string) => (t === 'dup' ? 'keep' : t);

	it('lists the duplicates merged into each note', () => {
		expect(
			duplicatesByNote(notes)
				.get('keep')
				?.map((n) => n.id)
		).toEqual(['dup']);
		expect(duplicatesByNote(notes).has('other')).toBe(false);
	});

	it('counts a participant’s own dots, a duplicate counting for its original, within the limit', () => {
		const dots = [dot('p1', 'dup'), dot('p1', 'keep'), dot('p1', 'other', 5), dot('p2', 'keep')];
		const mine = ownDots(dots, 's', 'p1', 3, redirect);
		expect(Object.fromEntries(mine)).toEqual({ keep: 2, other: 1 });
	});

	it('finds where a dot to take back is stored', () => {
		expect(dotToTakeBack([dot('p1', 'dup')], 's', 'p1', 'keep', redirect)).toBe('dup');
		expect(dotToTakeBack([dot('p1', 'keep')], 's', 'p1', 'keep', redirect)).toBe('keep');
		expect(dotToTakeBack([dot('p2', 'keep')], 's', 'p1', 'keep', redirect)).toBeNull();
	});
});

describe('silent steps', () => {
	it('keep notes private until the step is revealed', () => {
		expect(notesPrivate('s', true, [])).toBe(true);
		expect(notesPrivate('s', true, ['s'])).toBe(false);
		expect(notesPrivate('s', false, [])).toBe(false);
	});

	it('reveal dot results with a key of their own', () => {
		expect(dotResultsKey('s', false)).toBe('s');
		expect(dotResultsKey('s', true)).toBe('s|dots');
	});
});
