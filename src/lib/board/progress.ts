// How far the room is with a vote, for the console and the projector: "12 van 18 hebben gestemd".
// Counts only who took part, never who voted what.
import type { ControlSnapshot } from './control';
import type { Dot } from './dots';

/** How many participants placed at least one dot in the step. */
export function dotVoters(dots: readonly Dot[], stepId: string): number {
	const voters = new Set<string>();
	for (const dot of dots) if (dot.step === stepId && dot.count > 0) voters.add(dot.participant);
	return voters.size;
}

export type VoteProgress = { voted: number; total: number };

/**
 * Who has voted in a step (dots, or the secret ballots the server counts), out of the
 * participants present (never fewer than have voted); null when the step has no vote open.
 */
export function voteProgress(
	step: { id: string; type: string; options?: { votes?: number } },
	control: ControlSnapshot,
	dots: readonly Dot[],
	present: number
): VoteProgress | null {
	if (!control.votingSteps.includes(step.id)) return null;
	const voted = step.type === 'vote' ? (control.voted[step.id] ?? 0) : dotVoters(dots, step.id);
	return { voted, total: Math.max(present, voted) };
}
