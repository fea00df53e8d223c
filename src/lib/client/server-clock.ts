// The server's time, as this browser estimates it. Timers are written and read in server time:
// a phone whose clock is seven minutes off still shows the right remaining time, and so does a
// facilitator's laptop that starts the timer. The offset is measured as NTP does: the server's
// time against the middle of the request's round trip, from the sample with the shortest trip.

/** One measurement: the local time a request left and its answer came back, and the server's. */
export type ClockSample = { sentAt: number; receivedAt: number; serverTime: number };

/**
 * How far the server's clock is ahead of this one (ms; negative when behind), from the sample
 * with the shortest round trip; null when there is no usable sample.
 */
export function clockOffset(samples: readonly ClockSample[]): number | null {
	let best: ClockSample | null = null;
	for (const sample of samples) {
		const trip = sample.receivedAt - sample.sentAt;
		if (!Number.isFinite(trip) || trip < 0 || !Number.isFinite(sample.serverTime)) continue;
		if (!best || trip < best.receivedAt - best.sentAt) best = sample;
	}
	if (!best) return null;
	return Math.round(best.serverTime - (best.sentAt + best.receivedAt) / 2);
}

const STORAGE_KEY = 'visiewerkplaats:clock-offset';
let offset = readOffset();

function readOffset(): number {
	try {
		const value = Number(globalThis.localStorage?.getItem(STORAGE_KEY));
		return Number.isFinite(value) ? value : 0;
	} catch {
		return 0;
	}
}

/** The current time on the server's clock, as well as this browser knows it. */
export function serverNow(): number {
	return Date.now() + offset;
}

/** A moment in server time as this device's own clock shows it (for "we continue at 10:45"). */
export function toLocalTime(serverTime: number): number {
	return serverTime - offset;
}

export function setClockOffset(value: number): void {
	offset = value;
	try {
		globalThis.localStorage?.setItem(STORAGE_KEY, String(value));
	} catch {
		// No storage: the offset holds for this visit.
	}
}

/**
 * Measures the offset against `GET /api/time` a few times and keeps the best estimate. Offline,
 * the offset measured last (kept on the device) serves.
 */
export async function syncServerClock(
	fetcher: typeof fetch = fetch,
	tries = 3
): Promise<number | null> {
	const samples: ClockSample[] = [];
	for (let i = 0; i < tries; i++) {
		try {
			const sentAt = Date.now();
			const response = await fetcher('/api/time', { cache: 'no-store' });
			const receivedAt = Date.now();
			if (!response.ok) continue;
			const body = (await response.json()) as { now?: unknown };
			if (typeof body.now === 'number') samples.push({ sentAt, receivedAt, serverTime: body.now });
		} catch {
			break;
		}
	}
	const measured = clockOffset(samples);
	if (measured !== null) setClockOffset(measured);
	return measured;
}
