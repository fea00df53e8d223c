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
};

/**
 * The spread of ratings per block, never only an average: `score` (0 = not yet … 1 = strongly,
 * "don't know" left out) orders blocks, the counts show the disagreement.
 */
export function heatMap(
	ratings: readonly BlockRating[],
	step: string,
	blocks: readonly string[]
): BlockSpread[] {
	return blocks.map((block) => {
		const counts: Record<Rating, number> = { strong: 0, partly: 0, notyet: 0, unknown: 0 };
		for (const r of ratings) if (r.step === step && r.block === block) counts[r.rating] += 1;
		const known = counts.strong + counts.partly + counts.notyet;
		const score = known === 0 ? null : (counts.strong + counts.partly / 2) / known;
		return { block, counts, rated: known + counts.unknown, score };
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
