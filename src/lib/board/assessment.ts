import type * as Y from 'yjs';
import { USER_ORIGIN, type Origin } from './origins';
import { keyOf, partsOf, ratingsRoot } from './roots';

/** How far we already work on a building block. */
export const RATINGS = ['strong', 'partly', 'notyet', 'unknown'] as const;
export type Rating = (typeof RATINGS)[number];

export type BlockRating = { step: string; participant: string; block: string; rating: Rating };

const isRating = (value: unknown): value is Rating =>
	(RATINGS as readonly unknown[]).includes(value);

export function rateBlock(doc: Y.Doc, rating: BlockRating, origin: Origin = USER_ORIGIN): void {
	if (!isRating(rating.rating)) throw new RangeError(`unknown rating "${rating.rating}"`);
	const key = keyOf(rating.step, rating.participant, rating.block);
	doc.transact(() => ratingsRoot(doc).set(key, rating.rating), origin);
}

export function clearRating(
	doc: Y.Doc,
	rating: Omit<BlockRating, 'rating'>,
	origin: Origin = USER_ORIGIN
): void {
	doc.transact(
		() => ratingsRoot(doc).delete(keyOf(rating.step, rating.participant, rating.block)),
		origin
	);
}

export function ratingsFromYdoc(doc: Y.Doc): BlockRating[] {
	const ratings: BlockRating[] = [];
	ratingsRoot(doc).forEach((value, key) => {
		const [step, participant, block] = partsOf(key);
		if (step && participant && block && isRating(value))
			ratings.push({ step, participant, block, rating: value });
	});
	return ratings.sort(
		(a, b) => a.participant.localeCompare(b.participant) || a.block.localeCompare(b.block)
	);
}

export type BlockSpread = {
	block: string;
	counts: Record<Rating, number>;
	rated: number;
	score: number | null;
	/** How many of the counts are hand-counted from paper (paper.ts); absent: none. */
	paper?: number;
};

/** A hand count from paper, as heatMap reads it (paper.ts's PaperCount). */
type HandCount = { step: string; target: string; choice: string; count: number };

/**
 * The spread of ratings per block, never only an average: `score` (0 = not yet … 1 = strongly,
 * "don't know" left out) orders blocks, the counts show the disagreement.
 */
export function heatMap(
	ratings: readonly BlockRating[],
	step: string,
	blocks: readonly string[],
	paper: readonly HandCount[] = []
): BlockSpread[] {
	return blocks.map((block) => {
		const counts: Record<Rating, number> = { strong: 0, partly: 0, notyet: 0, unknown: 0 };
		for (const r of ratings) if (r.step === step && r.block === block) counts[r.rating] += 1;
		let onPaper = 0;
		for (const c of paper)
			if (c.step === step && c.target === block && isRating(c.choice)) {
				counts[c.choice] += c.count;
				onPaper += c.count;
			}
		const known = counts.strong + counts.partly + counts.notyet;
		const score = known === 0 ? null : (counts.strong + counts.partly / 2) / known;
		const spread: BlockSpread = { block, counts, rated: known + counts.unknown, score };
		return onPaper > 0 ? { ...spread, paper: onPaper } : spread;
	});
}

/** The blocks fulfilled least: lowest score first; blocks nobody could judge are left out. */
export function leastFulfilled(spread: readonly BlockSpread[], count = 3): BlockSpread[] {
	return spread
		.filter((block) => block.score !== null)
		.sort(
			(a, b) =>
				a.score! - b.score! || b.counts.notyet - a.counts.notyet || a.block.localeCompare(b.block)
		)
		.slice(0, count);
}

/** Participants who rated at least one block, and those who rated all of them. */
export function ratingProgress(
	ratings: readonly BlockRating[],
	step: string,
	blocks: readonly string[]
) {
	const perParticipant = new Map<string, Set<string>>();
	for (const r of ratings) {
		if (r.step !== step || !blocks.includes(r.block)) continue;
		const set = perParticipant.get(r.participant) ?? new Set<string>();
		set.add(r.block);
		perParticipant.set(r.participant, set);
	}
	const complete = [...perParticipant.values()].filter((set) => set.size === blocks.length).length;
	return { started: perParticipant.size, complete };
}

/** A participant's own ratings on one step, by block. */
export function ratingsOf(
	ratings: readonly BlockRating[],
	step: string,
	participant: string
): Record<string, Rating> {
	const mine: Record<string, Rating> = {};
	for (const r of ratings)
		if (r.step === step && r.participant === participant) mine[r.block] = r.rating;
	return mine;
}

/**
 * "14 of 18 have rated": those who rated every block, out of everyone taking part. A phone that
 * locks drops out of the presence count, so whoever already rated something counts too.
 */
export function roomProgress(
	progress: { started: number; complete: number },
	present: number
): { done: number; total: number } {
	return { done: progress.complete, total: Math.max(present, progress.started) };
}

/** The groups of the reference framework, in the order the framework gives them. */
export const BLOCK_GROUPS = [
	'voorwaardenscheppend',
	'beleidsmatig',
	'minder-mazen',
	'meer-net'
] as const;

/** Blocks under their group, groups in framework order, blocks in seed order; empty groups left out. */
export function groupBlocks<T extends { group: string }>(
	blocks: readonly T[]
): { group: string; blocks: T[] }[] {
	const groups = [...BLOCK_GROUPS, ...blocks.map((b) => b.group)].filter(
		(group, index, all) => all.indexOf(group) === index
	);
	return groups
		.map((group) => ({ group, blocks: blocks.filter((b) => b.group === group) }))
		.filter((entry) => entry.blocks.length > 0);
}

/** Practice examples are notes of the step with the block id as column; grouped by block. */
export function examplesByBlock<T extends { step: string; column: string }>(
	notes: readonly T[],
	step: string
): Record<string, T[]> {
	const byBlock: Record<string, T[]> = {};
	for (const note of notes) {
		if (note.step !== step || !note.column) continue;
		(byBlock[note.column] ??= []).push(note);
	}
	return byBlock;
}
