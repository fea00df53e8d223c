// Paper beside phones: what people in the room wrote or ticked on the printed handout, typed in
// by the facilitator and counted with the rest. Paper notes are notes with `paper: true` (notes.ts).
// Hand counts live in their own root, written only by the facilitator (the update guard refuses
// them from a participant): `${step}|${target}|${choice}` → how many, where the target is a
// building block (choice: a rating) or a statement (choice: approve, reject, abstain).
import type * as Y from 'yjs';
import { RATINGS, type Rating } from './assessment';
import { CHOICES, type Choice, type VoteTotal } from './ballots';
import { USER_ORIGIN, type Origin } from './origins';
import { keyOf, paperCountsRoot, partsOf } from './roots';

/** The most one hand count can be: a large assembly, not a typo of three zeros too many. */
export const MAX_PAPER_COUNT = 9999;

export type PaperCount = {
	step: string;
	/** A building block (assessment) or a statement (vote). */
	target: string;
	choice: Rating | Choice;
	count: number;
};

export const PAPER_CHOICES: readonly string[] = [...RATINGS, ...CHOICES];

export class PaperError extends Error {}

export const isPaperCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_PAPER_COUNT;

/** Sets a hand count (0 removes it). */
export function setPaperCount(doc: Y.Doc, count: PaperCount, origin: Origin = USER_ORIGIN): void {
	if (!PAPER_CHOICES.includes(count.choice))
		throw new PaperError(`unknown choice "${count.choice}"`);
	if (!isPaperCount(count.count))
		throw new PaperError(`a hand count is a whole number from 0 to ${MAX_PAPER_COUNT}`);
	const key = keyOf(count.step, count.target, count.choice);
	doc.transact(() => {
		const root = paperCountsRoot(doc);
		if (count.count === 0) root.delete(key);
		else root.set(key, count.count);
	}, origin);
}

export function paperCountsFromYdoc(doc: Y.Doc): PaperCount[] {
	const counts: PaperCount[] = [];
	paperCountsRoot(doc).forEach((value, key) => {
		const parts = partsOf(key);
		if (parts.length !== 3 || !isPaperCount(value) || value === 0) return;
		const [step, target, choice] = parts as [string, string, string];
		if (!step || !target || !PAPER_CHOICES.includes(choice)) return;
		counts.push({ step, target, choice: choice as Rating | Choice, count: value });
	});
	return counts.sort(
		(a, b) =>
			a.step.localeCompare(b.step) ||
			a.target.localeCompare(b.target) ||
			a.choice.localeCompare(b.choice)
	);
}

/** The hand counts of one target, by choice (0 where none). */
export function paperCountsOf<C extends string>(
	counts: readonly PaperCount[],
	step: string,
	target: string,
	choices: readonly C[]
): Record<C, number> {
	const result = Object.fromEntries(choices.map((c) => [c, 0])) as Record<C, number>;
	for (const c of counts)
		if (c.step === step && c.target === target && (choices as readonly string[]).includes(c.choice))
			result[c.choice as C] += c.count;
	return result;
}

/**
 * The totals the server writes at a reveal, with an empty total for each statement voted on only
 * on paper: the board then holds the step as revealed, and its paper ballots show (withPaperVotes).
 */
export function withPaperStatements(
	totals: readonly VoteTotal[],
	counts: readonly PaperCount[],
	step: string
): VoteTotal[] {
	const statements = new Set(
		counts
			.filter((c) => c.step === step && (CHOICES as readonly string[]).includes(c.choice))
			.map((c) => c.target)
	);
	for (const t of totals) statements.delete(t.statement);
	const empty = [...statements].map((statement) => ({
		step,
		statement,
		tally: { approve: 0, reject: 0, abstain: 0 }
	}));
	return [...totals, ...empty].sort((a, b) => a.statement.localeCompare(b.statement));
}

/**
 * Vote totals with the hand-counted paper ballots added, for the steps in `steps` (the revealed
 * ones: paper counts never show a result before the reveal). A total says how many of it are
 * from paper (`paper`); a statement only voted on paper gets a total of its own.
 */
export function withPaperVotes(
	totals: readonly VoteTotal[],
	counts: readonly PaperCount[],
	steps: ReadonlySet<string>
): VoteTotal[] {
	const result = totals.map((t) => ({ ...t, tally: { ...t.tally } }));
	const ballots = counts.filter(
		(c) => steps.has(c.step) && (CHOICES as readonly string[]).includes(c.choice)
	);
	for (const c of ballots) {
		let total = result.find((t) => t.step === c.step && t.statement === c.target);
		if (!total) {
			total = { step: c.step, statement: c.target, tally: { approve: 0, reject: 0, abstain: 0 } };
			result.push(total);
		}
		total.tally[c.choice as Choice] += c.count;
		total.paper = (total.paper ?? 0) + c.count;
	}
	return result.sort(
		(a, b) => a.step.localeCompare(b.step) || a.statement.localeCompare(b.statement)
	);
}

/**
 * The totals a view shows: the board's, plus the paper ballots of revealed steps the server wrote
 * no totals for at the reveal (nobody had voted yet, on a phone or on paper). The board marks a
 * step as revealed by its totals, so without this, counts typed in after such a reveal showed
 * only after hiding and revealing again. `revealed`: the control document's revealed steps.
 */
export function withLatePaperVotes(
	votes: readonly VoteTotal[],
	counts: readonly PaperCount[],
	revealed: readonly string[]
): VoteTotal[] {
	const withTotals = new Set(votes.map((t) => t.step));
	const late = new Set(revealed.filter((step) => !withTotals.has(step)));
	if (late.size === 0) return [...votes];
	return [...votes, ...withPaperVotes([], counts, late)];
}
