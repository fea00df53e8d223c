// Paper beside phones: cards and hand counts the facilitator types in, counted with the rest.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	boardFromYdoc,
	heatMap,
	notesFromYdoc,
	PaperError,
	paperCountsFromYdoc,
	rateBlock,
	setPaperCount,
	withCountedVotes,
	writeVoteTotals,
	fromYdoc,
	type Ballot
} from '../../src/lib/board';
import { buildReport, reportToCsv, reportToHtml, reportToMarkdown } from '../../src/lib/report';
import { CREATED_AT, FIXTURE_WORKSHOP, fixtureRoom, LABELS } from '../fixtures/report-room';
import { controlFromYdoc } from '../../src/lib/board/control';

const note = (id: string, paper?: boolean) => ({
	id,
	text: `kaartje ${id}`,
	step: 'beeld',
	author: paper ? 'paper' : 'p1',
	authorName: '',
	created: 1,
	...(paper === undefined ? {} : { paper })
});

describe('paper notes', () => {
	it('marks a note typed in from paper, and leaves the mark out of every other note', () => {
		const doc = new Y.Doc();
		addNote(doc, note('a', true));
		addNote(doc, note('b'));
		addNote(doc, note('c', false));
		const notes = notesFromYdoc(doc);
		expect(notes.find((n) => n.id === 'a')?.paper).toBe(true);
		expect(notes.find((n) => n.id === 'b')).not.toHaveProperty('paper');
		expect(notes.find((n) => n.id === 'c')).not.toHaveProperty('paper');
	});
});

describe('hand counts', () => {
	it('stores, replaces and removes a count; refuses a count that is not a whole number', () => {
		const doc = new Y.Doc();
		setPaperCount(doc, { step: 'ref', target: 'b1', choice: 'strong', count: 3 });
		setPaperCount(doc, { step: 'ref', target: 'b1', choice: 'strong', count: 5 });
		setPaperCount(doc, { step: 'ref', target: 'b2', choice: 'notyet', count: 2 });
		setPaperCount(doc, { step: 'ref', target: 'b2', choice: 'notyet', count: 0 });
		expect(paperCountsFromYdoc(doc)).toEqual([
			{ step: 'ref', target: 'b1', choice: 'strong', count: 5 }
		]);
		for (const count of [-1, 1.5, Number.NaN, 10000])
			expect(() =>
				setPaperCount(doc, { step: 'ref', target: 'b1', choice: 'strong', count })
			).toThrow(PaperError);
		expect(() =>
			setPaperCount(doc, {
				step: 'ref',
				target: 'b1',
				choice: 'maybe' as 'strong',
				count: 1
			})
		).toThrow(PaperError);
	});

	it('adds hand-counted ratings to the heat map and says how many are from paper', () => {
		const doc = new Y.Doc();
		rateBlock(doc, { step: 'ref', participant: 'p1', block: 'b1', rating: 'notyet' });
		setPaperCount(doc, { step: 'ref', target: 'b1', choice: 'strong', count: 4 });
		setPaperCount(doc, { step: 'ref', target: 'b1', choice: 'unknown', count: 1 });
		setPaperCount(doc, { step: 'other', target: 'b1', choice: 'strong', count: 9 });
		const board = boardFromYdoc(doc);
		const [b1, b2] = heatMap(board.ratings, 'ref', ['b1', 'b2'], board.paperCounts);
		expect(b1).toEqual({
			block: 'b1',
			counts: { strong: 4, partly: 0, notyet: 1, unknown: 1 },
			rated: 6,
			score: 0.8,
			paper: 5
		});
		expect(b2).not.toHaveProperty('paper');
		// Without paper counts the heat map is what it always was.
		expect(heatMap(board.ratings, 'ref', ['b1'])[0]!.counts.strong).toBe(0);
	});

	it('adds paper ballots to a revealed vote, never to one still secret', () => {
		const doc = new Y.Doc();
		setPaperCount(doc, { step: 'stem', target: 's1', choice: 'approve', count: 5 });
		setPaperCount(doc, { step: 'stem', target: 's2', choice: 'reject', count: 2 });
		// Not revealed yet: the board holds no totals of the step, paper shows no result either.
		expect(boardFromYdoc(doc).votes).toEqual([]);
		writeVoteTotals(doc, 'stem', [
			{ step: 'stem', statement: 's1', tally: { approve: 1, reject: 1, abstain: 0 } }
		]);
		expect(boardFromYdoc(doc).votes).toEqual([
			{ step: 'stem', statement: 's1', tally: { approve: 6, reject: 1, abstain: 0 }, paper: 5 },
			{ step: 'stem', statement: 's2', tally: { approve: 0, reject: 2, abstain: 0 }, paper: 2 }
		]);
	});

	it('counts paper ballots in the report of a vote counted by the server', () => {
		const board = new Y.Doc();
		const control = new Y.Doc();
		setPaperCount(board, { step: 'stem', target: 's1', choice: 'abstain', count: 3 });
		const counted: Ballot[] = [
			{ step: 'stem', participant: 'p1', statement: 's1', choice: 'approve' }
		];
		const snapshot = withCountedVotes(
			{ control: controlFromYdoc(control), board: boardFromYdoc(board) },
			counted
		);
		expect(snapshot.board.votes).toEqual([
			{ step: 'stem', statement: 's1', tally: { approve: 1, reject: 0, abstain: 3 }, paper: 3 }
		]);
	});
});

describe('paper in the report', () => {
	function report() {
		const { board, control } = fixtureRoom();
		addNote(board, {
			id: 'pp1',
			text: 'Een bank aan de kerk',
			step: 'denkoefening',
			column: 'wie',
			author: 'paper',
			authorName: '',
			created: CREATED_AT,
			paper: true
		});
		setPaperCount(board, {
			step: 'referentiekader',
			target: 'detectie',
			choice: 'strong',
			count: 4
		});
		setPaperCount(board, { step: 'resoluties', target: 'resolutie-1', choice: 'reject', count: 7 });
		const snapshot = fromYdoc(control, board);
		const input = {
			title: 'Papier',
			createdAt: CREATED_AT,
			workshop: FIXTURE_WORKSHOP,
			snapshot,
			participants: 3,
			locale: 'nl' as const,
			names: false,
			labels: LABELS
		};
		return { snapshot, model: buildReport(input) };
	}

	it('marks a paper card and counts hand counts in the heat map and the vote', () => {
		const { model } = report();
		const md = reportToMarkdown(model);
		expect(md).toContain('- Een bank aan de kerk (op papier)');
		expect(md).toContain('Geteld op papier en meegerekend: Detectie 4.');
		expect(md).toContain('Geteld op papier en meegerekend: Elke buurt krijgt een buurtpunt 7.');
		const html = reportToHtml(model);
		expect(html).toContain('Een bank aan de kerk <span class="meta">(op papier)</span>');
		const heat = model.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'heatmap');
		expect(
			heat?.kind === 'heatmap' && heat.rows.find((r) => r.block === 'detectie')?.counts
		).toMatchObject({ strong: 4 });
	});

	it('says "op papier" in the CSV: the card, the ratings, the ballots', () => {
		const { snapshot } = report();
		const csv = reportToCsv(snapshot, FIXTURE_WORKSHOP, {
			names: false,
			locale: 'nl',
			labels: LABELS
		});
		const lines = csv.split('\r\n');
		expect(lines.find((l) => l.includes('Een bank aan de kerk'))).toContain(';"op papier";');
		expect(lines.find((l) => l.includes('4 op papier'))).toContain('Detectie');
		expect(lines.find((l) => l.includes('Elke buurt krijgt een buurtpunt'))).toContain(
			'waarvan 7 op papier'
		);
	});
});
