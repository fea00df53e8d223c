// Paper ballots typed in after a vote's results were shown count at once (withLatePaperVotes).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	boardFromYdoc,
	resultsFromTotals,
	setPaperCount,
	withLatePaperVotes,
	writeVoteTotals
} from '../../src/lib/board';

function board() {
	return new Y.Doc();
}

describe('paper ballots after the reveal', () => {
	it('show for a revealed step the server wrote no totals for (nobody had voted yet)', () => {
		const doc = board();
		// The reveal found no ballots: the server wrote nothing. Then the hand count comes in.
		setPaperCount(doc, { step: 's', target: 'r1', choice: 'approve', count: 7 });
		setPaperCount(doc, { step: 's', target: 'r1', choice: 'reject', count: 2 });
		const snapshot = boardFromYdoc(doc);
		expect(snapshot.votes).toEqual([]);
		const shown = withLatePaperVotes(snapshot.votes, snapshot.paperCounts ?? [], ['s']);
		const [r1, r2] = resultsFromTotals(shown, 's', ['r1', 'r2']);
		expect(r1).toMatchObject({ tally: { approve: 7, reject: 2, abstain: 0 }, paper: 9 });
		expect(r1!.outcome).toBe('approved');
		expect(r2!.voters).toBe(0);
	});

	it('never show before the reveal', () => {
		const doc = board();
		setPaperCount(doc, { step: 's', target: 'r1', choice: 'approve', count: 7 });
		const snapshot = boardFromYdoc(doc);
		expect(withLatePaperVotes(snapshot.votes, snapshot.paperCounts ?? [], [])).toEqual([]);
		expect(withLatePaperVotes(snapshot.votes, snapshot.paperCounts ?? [], ['other'])).toEqual([]);
	});

	it('count once where the server wrote totals at the reveal (the board adds the paper then)', () => {
		const doc = board();
		writeVoteTotals(doc, 's', [
			{ step: 's', statement: 'r1', tally: { approve: 3, reject: 0, abstain: 1 } }
		]);
		setPaperCount(doc, { step: 's', target: 'r1', choice: 'approve', count: 2 });
		setPaperCount(doc, { step: 's', target: 'r2', choice: 'reject', count: 4 });
		const snapshot = boardFromYdoc(doc);
		const shown = withLatePaperVotes(snapshot.votes, snapshot.paperCounts ?? [], ['s']);
		expect(shown).toEqual(snapshot.votes);
		const [r1, r2] = resultsFromTotals(shown, 's', ['r1', 'r2']);
		expect(r1).toMatchObject({ tally: { approve: 5, reject: 0, abstain: 1 }, paper: 2 });
		expect(r2).toMatchObject({ tally: { approve: 0, reject: 4, abstain: 0 }, paper: 4 });
	});
});
