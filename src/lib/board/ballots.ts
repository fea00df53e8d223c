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
