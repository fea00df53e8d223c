import type * as Y from 'yjs';
import { controlRoot, timerRoot } from './roots';
import { USER_ORIGIN, type Origin } from './origins';

export type TimerState =
	| { status: 'idle'; durationMs: number }
	| { status: 'running'; durationMs: number; endsAt: number }
	| { status: 'paused'; durationMs: number; remainingMs: number };

export type ControlSnapshot = {
	stepIndex: number;
	timer: TimerState;
};

const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

function numberOr(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function controlFromYdoc(doc: Y.Doc): ControlSnapshot {
	return {
		stepIndex: Math.max(0, Math.trunc(numberOr(controlRoot(doc).get('stepIndex'), 0))),
		timer: readTimer(doc)
	};
}

function readTimer(doc: Y.Doc): TimerState {
	const timer = timerRoot(doc);
	const durationMs = numberOr(timer.get('durationMs'), 0);
	const status = timer.get('status');
	if (status === 'running') return { status, durationMs, endsAt: numberOr(timer.get('endsAt'), 0) };
	if (status === 'paused') {
		return { status, durationMs, remainingMs: numberOr(timer.get('remainingMs'), durationMs) };
	}
	return { status: 'idle', durationMs };
}

/** Moves to a step; the index is clamped to the workshop's steps. Leaving a step resets its timer. */
export function goToStep(
	doc: Y.Doc,
	index: number,
	stepCount: number,
	origin: Origin = USER_ORIGIN
): void {
	if (stepCount < 1) throw new RangeError('a workshop has at least one step');
	const target = Math.min(Math.max(0, Math.trunc(index)), stepCount - 1);
	doc.transact(() => {
		if (target === controlFromYdoc(doc).stepIndex) return;
		controlRoot(doc).set('stepIndex', target);
		writeTimer(doc, { status: 'idle', durationMs: 0 });
	}, origin);
}

export function nextStep(doc: Y.Doc, stepCount: number, origin: Origin = USER_ORIGIN): void {
	goToStep(doc, controlFromYdoc(doc).stepIndex + 1, stepCount, origin);
}

export function previousStep(doc: Y.Doc, stepCount: number, origin: Origin = USER_ORIGIN): void {
	goToStep(doc, controlFromYdoc(doc).stepIndex - 1, stepCount, origin);
}

function writeTimer(doc: Y.Doc, state: TimerState): void {
	const timer = timerRoot(doc);
	for (const key of timer.keys()) timer.delete(key);
	for (const [key, value] of Object.entries(state)) timer.set(key, value);
}

function validDuration(durationMs: number): number {
	if (!Number.isFinite(durationMs) || durationMs <= 0 || durationMs > MAX_TIMER_MS) {
		throw new RangeError(`timer duration must be between 1 ms and 24 hours, got ${durationMs}`);
	}
	return Math.round(durationMs);
}

export function startTimer(
	doc: Y.Doc,
	durationMs: number,
	now: number,
	origin: Origin = USER_ORIGIN
): void {
	const duration = validDuration(durationMs);
	doc.transact(
		() => writeTimer(doc, { status: 'running', durationMs: duration, endsAt: now + duration }),
		origin
	);
}

export function pauseTimer(doc: Y.Doc, now: number, origin: Origin = USER_ORIGIN): void {
	const timer = readTimer(doc);
	if (timer.status !== 'running') return;
	const remainingMs = Math.max(0, timer.endsAt - now);
	doc.transact(
		() => writeTimer(doc, { status: 'paused', durationMs: timer.durationMs, remainingMs }),
		origin
	);
}

export function resumeTimer(doc: Y.Doc, now: number, origin: Origin = USER_ORIGIN): void {
	const timer = readTimer(doc);
	if (timer.status !== 'paused') return;
	doc.transact(
		() =>
			writeTimer(doc, {
				status: 'running',
				durationMs: timer.durationMs,
				endsAt: now + timer.remainingMs
			}),
		origin
	);
}

export function resetTimer(doc: Y.Doc, origin: Origin = USER_ORIGIN): void {
	doc.transact(() => writeTimer(doc, { status: 'idle', durationMs: 0 }), origin);
}

/** Milliseconds left on the timer at `now`; negative once a running timer has run out. */
export function timerRemainingMs(timer: TimerState, now: number): number {
	if (timer.status === 'running') return timer.endsAt - now;
	if (timer.status === 'paused') return timer.remainingMs;
	return timer.durationMs;
}
