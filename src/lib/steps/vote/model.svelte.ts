import { resultsFromTotals, votingPhase, withLatePaperVotes } from '$lib/board';
import type { BoardSnapshot, VoteTotal } from '$lib/board';
import type { StepViewProps } from '../view-types';

/**
 * What the console and the projector both read of a vote step: its statements, the phase,
 * the results from the totals the server wrote into the board, and how many have voted.
 * `props` gives the view's current props, so that all of it follows them.
 */
export function voteModel(props: () => Pick<StepViewProps, 'room' | 'step' | 'control'>) {
	const statements = $derived(props().step.options?.statements ?? []);
	const phase = $derived(votingPhase(props().control, props().step.id));
	const results = $derived(
		resultsFromTotals(
			shownVotes(props().room.board.current, props().control.revealedSteps),
			props().step.id,
			statements.map((s) => s.id),
			props().step.options?.rule
		)
	);
	const voters = $derived(props().control.voted[props().step.id] ?? 0);
	// Who can vote: the participants present, and never fewer than have voted.
	const total = $derived(Math.max(voters, props().room.presence.participants));
	return {
		get statements() {
			return statements;
		},
		get phase() {
			return phase;
		},
		get results() {
			return results;
		},
		get voters() {
			return voters;
		},
		get total() {
			return total;
		},
		/** The vote was opened at some point (ballots came in): "gesloten" only means something then. */
		get opened() {
			return phase !== 'closed' || voters > 0;
		}
	};
}

/** The totals a vote view shows: with paper ballots typed in after the reveal (withLatePaperVotes). */
export function shownVotes(board: BoardSnapshot, revealed: readonly string[]): VoteTotal[] {
	return withLatePaperVotes(board.votes, board.paperCounts ?? [], revealed);
}

/** What a vote view reads (see voteModel). */
export type VoteModel = ReturnType<typeof voteModel>;
