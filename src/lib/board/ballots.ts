import type * as Y from 'yjs';
import { USER_ORIGIN, type Origin } from './origins';
import { ballotsRoot, keyOf, partsOf } from './roots';

export const CHOICES = ['approve', 'reject', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
export type Ballot = { step: string; participant: string; statement: string; choice: Choice };

/** How a statement's votes become an outcome. */
export type DecisionRule = 'majority' | 'two-thirds';
export type Outcome = 'approved' | 'not-approved';
export type Tally = Record<Choice, number>;

const isChoice = (value: unknown): value is Choice =>
	(CHOICES as readonly unknown[]).includes(value);

/** One vote per participant and statement; voting again replaces it. */
export function castBallot(doc: Y.Doc, ballot: Ballot, origin: Origin = USER_ORIGIN): void {
	if (!isChoice(ballot.choice)) throw new RangeError(`unknown choice "${ballot.choice}"`);
	const key = keyOf(ballot.step, ballot.participant, ballot.statement);
	doc.transact(() => ballotsRoot(doc).set(key, ballot.choice), origin);
}

export function withdrawBallot(
	doc: Y.Doc,
	ballot: Omit<Ballot, 'choice'>,
	origin: Origin = USER_ORIGIN
): void {
	doc.transact(
		() => ballotsRoot(doc).delete(keyOf(ballot.step, ballot.participant, ballot.statement)),
		origin
	);
}

export function ballotsFromYdoc(doc: Y.Doc): Ballot[] {
	const ballots: Ballot[] = [];
	ballotsRoot(doc).forEach((value, key) => {
		const [step, participant, statement] = partsOf(key);
		if (step && participant && statement && isChoice(value))
			ballots.push({ step, participant, statement, choice: value });
	});
	return ballots.sort(
		(a, b) => a.participant.localeCompare(b.participant) || a.statement.localeCompare(b.statement)
	);
}

export function tallyBallots(ballots: readonly Ballot[], step: string, statement: string): Tally {
	const tally: Tally = { approve: 0, reject: 0, abstain: 0 };
	for (const b of ballots) if (b.step === step && b.statement === statement) tally[b.choice] += 1;
	return tally;
}

/** Abstentions do not count; a tie is not a majority. */
export function outcomeOf(tally: Tally, rule: DecisionRule = 'majority'): Outcome {
	const cast = tally.approve + tally.reject;
	if (cast === 0) return 'not-approved';
	const approved = rule === 'two-thirds' ? tally.approve * 3 >= cast * 2 : tally.approve * 2 > cast;
	return approved ? 'approved' : 'not-approved';
}

/** The ballots of one step from a board snapshot. */
export function ballotsFromSnapshot(board: { ballots: readonly Ballot[] }, step: string): Ballot[] {
	return board.ballots.filter((b) => b.step === step);
}

/**
 * Where a vote step stands. Voting is closed until the facilitator opens it (so the group can
 * read the statements first); revealing the results ends the voting.
 */
export type VotingPhase = 'closed' | 'open' | 'revealed';

export function votingPhase(
	control: { votingSteps: readonly string[]; revealedSteps: readonly string[] },
	step: string
): VotingPhase {
	if (control.revealedSteps.includes(step)) return 'revealed';
	return control.votingSteps.includes(step) ? 'open' : 'closed';
}

/** One participant's choice per statement in a step. */
export function choicesOf(
	ballots: readonly Ballot[],
	step: string,
	participant: string
): Record<string, Choice> {
	const choices: Record<string, Choice> = {};
	for (const b of ballots)
		if (b.step === step && b.participant === participant) choices[b.statement] = b.choice;
	return choices;
}

export type StatementResult = { statement: string; tally: Tally; voters: number; outcome: Outcome };

/** Tally and outcome per statement, in the order given; `voters` counts every ballot. */
export function voteResults(
	ballots: readonly Ballot[],
	step: string,
	statements: readonly string[],
	rule: DecisionRule = 'majority'
): StatementResult[] {
	return statements.map((statement) => {
		const tally = tallyBallots(ballots, step, statement);
		const voters = tally.approve + tally.reject + tally.abstain;
		return { statement, tally, voters, outcome: outcomeOf(tally, rule) };
	});
}

/** How many different participants cast at least one ballot in a step. */
export function voterCount(ballots: readonly Ballot[], step: string): number {
	return new Set(ballots.filter((b) => b.step === step).map((b) => b.participant)).size;
}
