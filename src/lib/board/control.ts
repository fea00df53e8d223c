import type * as Y from 'yjs';
import { USER_ORIGIN, type Origin } from './origins';
import { controlRoot, lockedStepsRoot, revealedRoot, stepTimesRoot, votingRoot } from './roots';
import { votedFromYdoc } from './ballots';
import { waitingFromYdoc } from './drafts';
import { projectorRemoteFromYdoc, REMOTE_KEYS, type ProjectorRemote } from './projector-remote';
import { synthesisFromYdoc } from './synthesis';
import { readTimer, writeTimer, type TimerState } from './timer';

export type ControlSnapshot = {
	stepIndex: number;
	timer: TimerState;
	/** The pause screen is up on every view. */
	paused: boolean;
	/** Step ids whose input the facilitator has locked. */
	lockedSteps: string[];
	/** When the session began (first opened by the facilitator), or null. */
	startedAt: number | null;
	/** When the current step was entered, or null before the session began. */
	enteredAt: number | null;
	/** Milliseconds spent in each step index before the current visit. */
	spentMs: Record<number, number>;
	/** Step ids whose hidden results (votes, ratings, silent notes) are shown to everyone. */
	revealedSteps: string[];
	/** Step ids where voting is open. */
	votingSteps: string[];
	/** Notes waiting in participants' private drafts, per step id (silent mode). */
	waiting: Record<string, number>;
	/** How many participants have voted, per vote step (the server counts the secret ballots). */
	voted: Record<string, number>;
	/** The facilitator's texts for the report, per section id. */
	synthesis: Record<string, string>;
	/** What the console asks of the projector (projector-remote.ts); absent until it asks. */
	projector?: ProjectorRemote;
};

function flaggedKeys(map: Y.Map<unknown>): string[] {
	const keys: string[] = [];
	map.forEach((value, key) => {
		if (value === true) keys.push(key);
	});
	return keys.sort();
}

function setFlag(map: Y.Map<unknown>, key: string, on: boolean): void {
	if (on) map.set(key, true);
	else map.delete(key);
}

function numberOr(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function numberOrNull(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function controlFromYdoc(doc: Y.Doc): ControlSnapshot {
	const control = controlRoot(doc);
	const projector = projectorRemoteFromYdoc(doc);
	const spentMs: Record<number, number> = {};
	stepTimesRoot(doc).forEach((value, index) => {
		if (/^\d+$/.test(index)) spentMs[Number(index)] = Math.max(0, numberOr(value, 0));
	});
	return {
		stepIndex: Math.max(0, Math.trunc(numberOr(control.get('stepIndex'), 0))),
		timer: readTimer(doc),
		paused: control.get('paused') === true,
		lockedSteps: flaggedKeys(lockedStepsRoot(doc)),
		startedAt: numberOrNull(control.get('startedAt')),
		enteredAt: numberOrNull(control.get('enteredAt')),
		spentMs,
		revealedSteps: flaggedKeys(revealedRoot(doc)),
		votingSteps: flaggedKeys(votingRoot(doc)),
		waiting: waitingFromYdoc(doc),
		voted: votedFromYdoc(doc),
		synthesis: synthesisFromYdoc(doc),
		...(projector ? { projector } : {})
	};
}

/** Marks the start of the session; later calls change nothing. */
export function beginSession(doc: Y.Doc, now: number, origin: Origin = USER_ORIGIN): void {
	if (controlRoot(doc).has('startedAt')) return;
	doc.transact(() => {
		controlRoot(doc).set('startedAt', now);
		controlRoot(doc).set('enteredAt', now);
	}, origin);
}

/**
 * Moves to a step; the index is clamped to the workshop's steps. The time spent in the step
 * being left is recorded, and its timer is reset.
 */
export function goToStep(
	doc: Y.Doc,
	index: number,
	stepCount: number,
	now: number = Date.now(),
	origin: Origin = USER_ORIGIN
): void {
	if (stepCount < 1) throw new RangeError('a workshop has at least one step');
	const target = Math.min(Math.max(0, Math.trunc(index)), stepCount - 1);
	const current = controlFromYdoc(doc);
	if (target === current.stepIndex) return;
	doc.transact(() => {
		if (current.enteredAt !== null) {
			const spent =
				(current.spentMs[current.stepIndex] ?? 0) + Math.max(0, now - current.enteredAt);
			stepTimesRoot(doc).set(String(current.stepIndex), spent);
		}
		const control = controlRoot(doc);
		control.set('stepIndex', target);
		control.set('enteredAt', now);
		if (!control.has('startedAt')) control.set('startedAt', now);
		// The QR code the console brought back on the projector was for that step.
		control.delete(REMOTE_KEYS.JOIN);
		writeTimer(doc, { status: 'idle', durationMs: 0 });
	}, origin);
}

export function nextStep(
	doc: Y.Doc,
	stepCount: number,
	now: number = Date.now(),
	origin: Origin = USER_ORIGIN
): void {
	goToStep(doc, controlFromYdoc(doc).stepIndex + 1, stepCount, now, origin);
}

export function previousStep(
	doc: Y.Doc,
	stepCount: number,
	now: number = Date.now(),
	origin: Origin = USER_ORIGIN
): void {
	goToStep(doc, controlFromYdoc(doc).stepIndex - 1, stepCount, now, origin);
}

export function setPaused(doc: Y.Doc, paused: boolean, origin: Origin = USER_ORIGIN): void {
	doc.transact(() => controlRoot(doc).set('paused', paused), origin);
}

export function setStepLocked(
	doc: Y.Doc,
	stepId: string,
	locked: boolean,
	origin: Origin = USER_ORIGIN
): void {
	doc.transact(() => setFlag(lockedStepsRoot(doc), stepId, locked), origin);
}

/** Shows (or hides again) a step's results to participants and the projector. */
export function setRevealed(
	doc: Y.Doc,
	stepId: string,
	revealed: boolean,
	origin: Origin = USER_ORIGIN
): void {
	doc.transact(() => setFlag(revealedRoot(doc), stepId, revealed), origin);
}

export function setVotingOpen(
	doc: Y.Doc,
	stepId: string,
	open: boolean,
	origin: Origin = USER_ORIGIN
): void {
	doc.transact(() => setFlag(votingRoot(doc), stepId, open), origin);
}

export function isStepLocked(control: ControlSnapshot, stepId: string): boolean {
	return control.lockedSteps.includes(stepId);
}
