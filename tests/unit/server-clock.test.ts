// Timers run on the server's clock: a phone seven minutes off showed 2:56 on a ten-minute timer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { timerRemainingMs } from '../../src/lib/board';
import {
	clockOffset,
	serverNow,
	setClockOffset,
	syncServerClock,
	toLocalTime
} from '../../src/lib/client/server-clock';

const SKEW = 7 * 60_000;

afterEach(() => {
	setClockOffset(0);
	vi.useRealTimers();
});

describe('server clock offset', () => {
	it('takes the middle of the round trip of the fastest sample', () => {
		// The phone is 7 minutes behind the server; trips of 300 ms and 80 ms.
		const samples = [
			{ sentAt: 1_000, receivedAt: 1_300, serverTime: 1_000 + SKEW + 250 },
			{ sentAt: 2_000, receivedAt: 2_080, serverTime: 2_040 + SKEW }
		];
		expect(clockOffset(samples)).toBe(SKEW);
	});

	it('ignores samples that cannot be right, and has no answer without any', () => {
		expect(clockOffset([])).toBeNull();
		expect(clockOffset([{ sentAt: 10, receivedAt: 5, serverTime: 7 }])).toBeNull();
		expect(clockOffset([{ sentAt: 0, receivedAt: 10, serverTime: Number.NaN }])).toBeNull();
		expect(clockOffset([{ sentAt: 0, receivedAt: 10, serverTime: 5 - SKEW }])).toBe(-SKEW);
	});

	it('shows a ten-minute timer as ten minutes on a phone seven minutes behind', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const serverStart = Date.UTC(2026, 11, 1, 9, 0, 0);
		// The phone's clock reads 8:53 when the server's reads 9:00.
		vi.setSystemTime(serverStart - SKEW);
		const fakeFetch = (async () => {
			vi.setSystemTime(Date.now() + 40);
			const body = { now: Date.now() + SKEW };
			vi.setSystemTime(Date.now() + 40);
			return new Response(JSON.stringify(body), { status: 200 });
		}) as typeof fetch;
		expect(await syncServerClock(fakeFetch)).toBe(SKEW);
		// The facilitator started a 10-minute timer at the server's 9:00.
		const timer = {
			status: 'running' as const,
			durationMs: 600_000,
			endsAt: serverStart + 600_000
		};
		expect(timerRemainingMs(timer, Date.now())).toBeGreaterThan(600_000 + SKEW - 1000);
		expect(timerRemainingMs(timer, serverNow())).toBeGreaterThan(600_000 - 1000);
		expect(timerRemainingMs(timer, serverNow())).toBeLessThanOrEqual(600_000);
		// The end, on the phone's own clock face: 9:10 in server time is 9:03 there.
		expect(toLocalTime(timer.endsAt)).toBe(serverStart + 600_000 - SKEW);
	});

	it('keeps the last offset when the server cannot be reached', async () => {
		setClockOffset(SKEW);
		const offline = (async () => {
			throw new TypeError('offline');
		}) as typeof fetch;
		expect(await syncServerClock(offline)).toBeNull();
		expect(serverNow() - Date.now()).toBeGreaterThanOrEqual(SKEW - 5);
	});
});
