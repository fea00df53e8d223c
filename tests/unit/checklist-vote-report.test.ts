import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ballotsFromYdoc,
	castBallot,
	fromYdoc,
	setRevealed,
	totalsOf,
	writeVoteTotals,
	type Choice
} from '../../src/lib/board';
import { buildReport, reportToMarkdown } from '../../src/lib/report';
import type { Workshop } from '../../src/lib/workshop/types';

const workshop = (rule?: 'two-thirds'): Workshop => ({
	id: 'resoluties',
	title: { nl: 'Resoluties', en: 'Resolutions', fr: 'Resoluties' },
	description: { nl: 'x', en: 'x', fr: 'x' },
	minutes: 10,
	locales: ['nl', 'en'],
	steps: [
		{
			id: 'stem',
			type: 'vote',
			minutes: 10,
			title: { nl: 'Stem', en: 'Vote', fr: 'Stem' },
			prompt: { nl: '', en: '', fr: '' },
			options: {
				...(rule ? { rule } : {}),
				statements: [
					{ id: 'r2', title: { nl: 'Twee', en: 'Two', fr: 'Twee' }, recorded: 'not-approved' },
					{ id: 'r1', title: { nl: 'Eén', en: 'One', fr: 'Eén' }, recorded: 'approved' },
					{ id: 'r3', title: { nl: 'Drie', en: 'Three', fr: 'Drie' } }
				]
			}
		}
	]
});

function report(rule?: 'two-thirds') {
	const control = new Y.Doc();
	const board = new Y.Doc();
	const votes: [string, string, Choice][] = [
		['p1', 'r1', 'approve'],
		['p2', 'r1', 'approve'],
		['p3', 'r1', 'reject'],
		['p4', 'r1', 'approve'],
		['p5', 'r1', 'reject'],
		['p1', 'r2', 'approve'],
		['p2', 'r2', 'approve'],
		['p3', 'r2', 'approve']
	];
	// The server counts the ballots in its tally and writes the totals into the board at the reveal.
	const tally = new Y.Doc();
	for (const [participant, statement, choice] of votes)
		castBallot(tally, { step: 'stem', participant, statement, choice });
	writeVoteTotals(board, 'stem', totalsOf(ballotsFromYdoc(tally), 'stem'));
	setRevealed(control, 'stem', true);
	return buildReport({
		title: 'Test',
		createdAt: 0,
		workshop: workshop(rule),
		snapshot: fromYdoc(control, board),
		participants: 3,
		locale: 'nl',
		names: false,
		labels: { r1: 'Eén', r2: 'Twee', r3: 'Drie' }
	});
}

describe('vote results in the report', () => {
	it("lists voted statements in the workshop's order, with the recorded outcome", () => {
		const block = report()
			.sections.flatMap((s) => s.blocks)
			.find((b) => b.kind === 'ballots')!;
		expect(block).toEqual({
			kind: 'ballots',
			rows: [
				{
					statement: 'Twee',
					tally: { approve: 3, reject: 0, abstain: 0 },
					outcome: 'approved',
					recorded: 'not-approved'
				},
				{
					statement: 'Eén',
					tally: { approve: 3, reject: 2, abstain: 0 },
					outcome: 'approved',
					recorded: 'approved'
				}
			]
		});
		const markdown = reportToMarkdown(report());
		expect(markdown).toContain('| Oorspronkelijk besluit |');
		expect(markdown).toContain('| Twee | 3 | 0 | 0 | goedgekeurd | niet goedgekeurd |');
	});

	it("applies the step's rule: 3 for, 2 against is not two thirds", () => {
		const block = report('two-thirds')
			.sections.flatMap((s) => s.blocks)
			.find((b) => b.kind === 'ballots')!;
		expect(block.kind === 'ballots' && block.rows.map((r) => r.outcome)).toEqual([
			'approved',
			'not-approved'
		]);
	});
});
