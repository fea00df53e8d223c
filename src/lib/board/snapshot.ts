import type * as Y from 'yjs';
import { actionsFromYdoc, type Action } from './actions';
import { ratingsFromYdoc, type BlockRating } from './assessment';
import { isChoice, totalsOf, voteTotalsFromYdoc, type Ballot, type VoteTotal } from './ballots';
import {
	checkProposalsFromYdoc,
	checklistFromYdoc,
	type ChecklistAnswer,
	type CheckProposal
} from './checklist';
import { clustersFromYdoc, type Cluster } from './clusters';
import { controlFromYdoc, type ControlSnapshot } from './control';
import { liveDotsFromYdoc, type Dot } from './dots';
import { notesFromYdoc, type Note } from './notes';
import { paperCountsFromYdoc, withPaperVotes, type PaperCount } from './paper';

export type BoardSnapshot = {
	notes: Note[];
	clusters: Cluster[];
	dots: Dot[];
	ratings: BlockRating[];
	checklist: ChecklistAnswer[];
	/** What participants propose for checklist items (the facilitator confirms the answer). */
	checkProposals: CheckProposal[];
	/** Totals per statement of the vote steps the facilitator revealed; never who voted what. */
	votes: VoteTotal[];
	actions: Action[];
	/** Hand counts from paper (ratings and ballots), typed in by the facilitator; absent: none. */
	paperCounts?: PaperCount[];
};

export function boardFromYdoc(doc: Y.Doc): BoardSnapshot {
	const paperCounts = paperCountsFromYdoc(doc);
	const totals = voteTotalsFromYdoc(doc);
	// The board holds totals only of revealed steps: paper ballots join those, never earlier.
	const revealed = new Set(totals.map((t) => t.step));
	return {
		notes: notesFromYdoc(doc),
		clusters: clustersFromYdoc(doc),
		dots: liveDotsFromYdoc(doc),
		ratings: ratingsFromYdoc(doc),
		checklist: checklistFromYdoc(doc),
		checkProposals: checkProposalsFromYdoc(doc),
		votes: withPaperVotes(totals, paperCounts, revealed),
		actions: actionsFromYdoc(doc),
		...(paperCounts.length > 0 ? { paperCounts } : {})
	};
}

export type RoomSnapshot = { control: ControlSnapshot; board: BoardSnapshot };

/** Leaves Yjs: a plain, serialisable picture of the room for views and reports. */
export function fromYdoc(control: Y.Doc, board: Y.Doc): RoomSnapshot {
	return { control: controlFromYdoc(control), board: boardFromYdoc(board) };
}

/**
 * The report's view of the votes: the board's totals for revealed steps, and for every other
 * step the totals of the ballots the server counted (`counted`, from its tally). Never who voted
 * what: only totals leave this function.
 */
export function withCountedVotes(snapshot: RoomSnapshot, counted: readonly Ballot[]): RoomSnapshot {
	const revealed = new Set(snapshot.control.revealedSteps);
	const shown = new Set(snapshot.board.votes.map((t) => t.step));
	const paperBallots = (snapshot.board.paperCounts ?? [])
		.filter((c) => isChoice(c.choice))
		.map((c) => c.step);
	const fromTally = new Set(
		[...counted.map((b) => b.step), ...paperBallots].filter(
			(step) => !revealed.has(step) || !shown.has(step)
		)
	);
	const votes = [
		...snapshot.board.votes.filter((t) => !fromTally.has(t.step) && revealed.has(t.step)),
		...withPaperVotes(
			[...fromTally].flatMap((step) => totalsOf(counted, step)),
			snapshot.board.paperCounts ?? [],
			fromTally
		)
	];
	return { ...snapshot, board: { ...snapshot.board, votes } };
}

/**
 * What a participant or the projector may see: hidden notes never leave the facilitator, and
 * merged duplicates stand behind the note they were merged into.
 */
export function visibleNotes(notes: readonly Note[], step?: string): Note[] {
	return notes.filter(
		(note) => !note.hidden && !note.mergedInto && (step === undefined || note.step === step)
	);
}

/** The note that a dot on `target` counts for: a merged duplicate counts for its original. */
export function mergeRedirect(notes: readonly Note[]): (target: string) => string {
	const merged = new Map(notes.filter((n) => n.mergedInto).map((n) => [n.id, n.mergedInto]));
	return (target) => merged.get(target) ?? target;
}
