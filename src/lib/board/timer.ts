import type * as Y from 'yjs';
import { USER_ORIGIN, type Origin } from './origins';
import { timerRoot } from './roots';

export type TimerState =
	| { status: 'idle'; durationMs: number }
	| { status: 'running'; durationMs: number; endsAt: number }
	| { status: 'paused'; durationMs: number; remainingMs: number };

const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

const finite = (value: unknown, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export function readTimer(doc: Y.Doc): TimerState {
	const timer = timerRoot(doc);
	const durationMs = finite(timer.get('durationMs'), 0);
	const status = timer.get('status');
	if (status === 'running') return { status, durationMs, endsAt: finite(timer.get('endsAt'), 0) };
	if (status === 'paused') {
		return { status, durationMs, remainingMs: finite(timer.get('remainingMs'), durationMs) };
	}
	return { status: 'idle', durationMs };
}

export function writeTimer(doc: Y.Doc, state: TimerState): void {
	const timer = timerRoot(doc);
	for (const key of [...timer.keys()]) timer.delete(key);
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

/** Adds (or, with a negative amount, takes off) time; a running timer keeps running. */
export function addTimerTime(
	doc: Y.Doc,
	deltaMs: number,
	now: number,
	origin: Origin = USER_ORIGIN
): void {
	if (!Number.isFinite(deltaMs)) throw new RangeError('the time to add must be a number');
	const timer = readTimer(doc);
	const durationMs = Math.min(MAX_TIMER_MS, Math.max(0, timer.durationMs + deltaMs));
	doc.transact(() => {
		if (timer.status === 'running') {
			const endsAt = Math.max(now, timer.endsAt + deltaMs);
			writeTimer(doc, { status: 'running', durationMs, endsAt });
		} else if (timer.status === 'paused') {
			writeTimer(doc, {
				status: 'paused',
				durationMs,
				remainingMs: Math.max(0, timer.remainingMs + deltaMs)
			});
		} else {
			writeTimer(doc, { status: 'idle', durationMs });
		}
	}, origin);
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
