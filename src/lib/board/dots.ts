import * as Y from 'yjs';
import { USER_ORIGIN, type Origin } from './origins';
import { actionsRoot, dotsRoot, keyOf, notesRoot, partsOf } from './roots';

/** One participant's dots on one target (a note, cluster or action) in one step. */
export type Dot = { step: string; participant: string; target: string; count: number };

export class VoteError extends Error {}

export function dotsFromYdoc(doc: Y.Doc): Dot[] {
	const dots: Dot[] = [];
	dotsRoot(doc).forEach((value, key) => {
		const [step, participant, target] = partsOf(key);
		if (!step || !participant || !target || typeof value !== 'number' || !(value > 0)) return;
		dots.push({ step, participant, target, count: Math.floor(value) });
	});
	return dots.sort(
		(a, b) => a.participant.localeCompare(b.participant) || a.target.localeCompare(b.target)
	);
}

/** Ids of hidden notes and actions: dots on them count for nothing until they are shown again. */
function hiddenTargets(doc: Y.Doc): Set<string> {
	const hidden = new Set<string>();
	for (const root of [notesRoot(doc), actionsRoot(doc)]) {
		root.forEach((entry, id) => {
			if (entry instanceof Y.Map && entry.get('hidden') === true) hidden.add(id);
		});
	}
	return hidden;
}

/** The dots of the board that can count: none on a hidden note or action (the voter gets them back). */
export function liveDotsFromYdoc(doc: Y.Doc): Dot[] {
	const hidden = hiddenTargets(doc);
	return dotsFromYdoc(doc).filter((dot) => !hidden.has(dot.target));
}

/** Removes every dot on `target`; call inside the transaction that deletes it. */
export function removeDotsOn(doc: Y.Doc, target: string): void {
	const keys: string[] = [];
	dotsRoot(doc).forEach((_count, key) => {
		if (partsOf(key)[2] === target) keys.push(key);
	});
	for (const key of keys) dotsRoot(doc).delete(key);
}

/**
 * The dots that count: per participant, targets in id order, until the limit is used. Two
 * devices of one participant voting at once can store more than the limit; it never counts.
 */
export function countedDots(dots: readonly Dot[], step: string, limit: number): Dot[] {
	const used = new Map<string, number>();
	const counted: Dot[] = [];
	for (const dot of dots) {
		if (dot.step !== step) continue;
		const before = used.get(dot.participant) ?? 0;
		const count = Math.min(dot.count, Math.max(0, limit - before));
		used.set(dot.participant, before + count);
		if (count > 0) counted.push({ ...dot, count });
	}
	return counted;
}

export function dotsLeft(
	dots: readonly Dot[],
	step: string,
	participant: string,
	limit: number
): number {
	const used = countedDots(dots, step, limit)
		.filter((dot) => dot.participant === participant)
		.reduce((sum, dot) => sum + dot.count, 0);
	return Math.max(0, limit - used);
}

/** Adds (delta 1) or takes back (delta -1) a dot; refuses to go past the limit or below zero. */
export function placeDot(
	doc: Y.Doc,
	vote: { step: string; participant: string; target: string; delta: 1 | -1; limit: number },
	origin: Origin = USER_ORIGIN
): void {
	const key = keyOf(vote.step, vote.participant, vote.target);
	const current = Number(dotsRoot(doc).get(key) ?? 0) || 0;
	if (
		vote.delta > 0 &&
		dotsLeft(liveDotsFromYdoc(doc), vote.step, vote.participant, vote.limit) < 1
	) {
		throw new VoteError(`no dots left (${vote.limit} per participant)`);
	}
	const next = current + vote.delta;
	if (next < 0) throw new VoteError('no dot to take back');
	doc.transact(() => {
		if (next === 0) dotsRoot(doc).delete(key);
		else dotsRoot(doc).set(key, next);
	}, origin);
}

/** Dots per target; `redirect` maps merged duplicates to the note they were merged into. */
export function tallyDots(
	dots: readonly Dot[],
	step: string,
	limit: number,
	redirect: (target: string) => string = (target) => target
): Map<string, number> {
	const tally = new Map<string, number>();
	for (const dot of countedDots(dots, step, limit)) {
		const target = redirect(dot.target);
		tally.set(target, (tally.get(target) ?? 0) + dot.count);
	}
	return tally;
}
