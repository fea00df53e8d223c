// The one place that names the roots of the room's Y.Docs. Everything else goes through
// the typed operations in this folder.
//
// Keys that combine ids use "|" as separator; ids never contain it (see keyOf).
import type * as Y from 'yjs';

/** The documents a client can open; `draft` is the participant's own private draft. */
export const DOC_NAMES = ['control', 'board', 'draft'] as const;
export type DocName = (typeof DOC_NAMES)[number];

export function isDocName(value: string): value is DocName {
	return (DOC_NAMES as readonly string[]).includes(value);
}

export const controlRoot = (doc: Y.Doc) => doc.getMap<unknown>('control');
export const timerRoot = (doc: Y.Doc) => doc.getMap<unknown>('timer');
export const lockedStepsRoot = (doc: Y.Doc) => doc.getMap<unknown>('lockedSteps');
export const stepTimesRoot = (doc: Y.Doc) => doc.getMap<unknown>('stepTimes');
export const notesRoot = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('notes');
export const clustersRoot = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('clusters');
export const actionsRoot = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('actions');
/** `${step}|${participant}|${target}` → number of dots. */
export const dotsRoot = (doc: Y.Doc) => doc.getMap<unknown>('dots');
/** `${step}|${participant}|${block}` → rating. */
export const ratingsRoot = (doc: Y.Doc) => doc.getMap<unknown>('ratings');
/** `${step}|${item}` → { answer, note }: the group's answer, which only the facilitator writes. */
export const checklistRoot = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('checklist');
/** `${step}|${item}|${participant}` → the answer that participant proposes (yes, partly, no). */
export const checkProposalsRoot = (doc: Y.Doc) => doc.getMap<unknown>('checkProposals');
/**
 * Ballots. In a participant's `draft`: `${step}|${statement}` → choice (only its owner and the
 * server read it). In the server-only `tally` document: `${step}|${participant}|${statement}` →
 * choice, the ballots the server counted. In the `board` only in rooms stored before ballots left
 * it (same keys as the tally); the server moves them out when it first loads such a board.
 */
export const ballotsRoot = (doc: Y.Doc) => doc.getMap<unknown>('ballots');
/** Board: `${step}|${statement}` → { approve, reject, abstain }, written by the server on reveal. */
export const voteTotalsRoot = (doc: Y.Doc) => doc.getMap<unknown>('voteTotals');
/** Board: `${step}|${block or statement}|${choice}` → a hand count from paper (facilitator only). */
export const paperCountsRoot = (doc: Y.Doc) => doc.getMap<unknown>('paperCounts');
/** Control document: step id → true once its results are shown to everyone. */
export const revealedRoot = (doc: Y.Doc) => doc.getMap<unknown>('revealed');
/** Control document: step id → true while dot voting or statement voting is open. */
export const votingRoot = (doc: Y.Doc) => doc.getMap<unknown>('voting');
/** Control document: `${step}|${participant}` → notes waiting in that participant's draft. */
export const waitingRoot = (doc: Y.Doc) => doc.getMap<unknown>('waiting');
/** Control document: step id → how many participants have voted (written by the server). */
export const votedRoot = (doc: Y.Doc) => doc.getMap<unknown>('voted');
/** Control document: report section id → the facilitator's synthesis text. */
export const synthesisRoot = (doc: Y.Doc) => doc.getMap<Y.Text>('synthesis');
export const metaRoot = (doc: Y.Doc) => doc.getMap<unknown>('meta');

/** Joins ids into one map key; refuses ids that would make the key ambiguous. */
export function keyOf(...parts: string[]): string {
	for (const part of parts) {
		if (!part || part.includes('|')) throw new RangeError(`invalid id "${part}"`);
	}
	return parts.join('|');
}

export function partsOf(key: string): string[] {
	return key.split('|');
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An id the server accepts from a client's private document (drafts): the shape of workshop,
 * note and participant ids, short, and never containing the key separator.
 */
export function isSafeId(value: unknown): value is string {
	return typeof value === 'string' && SAFE_ID.test(value);
}
