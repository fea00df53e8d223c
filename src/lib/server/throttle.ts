/**
 * Counts failures per key (an address) in a sliding window. Only failures count: a room of
 * 200 people behind one public address must always be able to join.
 */
export class FailureThrottle {
	private readonly failures = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	private recent(key: string): number[] {
		const cutoff = this.now() - this.windowMs;
		const kept = (this.failures.get(key) ?? []).filter((time) => time > cutoff);
		if (kept.length === 0) this.failures.delete(key);
		else this.failures.set(key, kept);
		return kept;
	}

	/** Milliseconds until the key may try again, or 0 when it may try now. */
	retryAfterMs(key: string): number {
		const recent = this.recent(key);
		if (recent.length < this.limit) return 0;
		return Math.max(1, recent[recent.length - this.limit]! + this.windowMs - this.now());
	}

	/** Whether the key failed at all within the window. */
	hasRecentFailure(key: string): boolean {
		return this.recent(key).length > 0;
	}

	recordFailure(key: string): void {
		const recent = this.recent(key);
		recent.push(this.now());
		// Only the last `limit` failures decide anything: an address that keeps trying while
		// refused cannot grow its list without bound.
		if (recent.length > this.limit) recent.splice(0, recent.length - this.limit);
		this.failures.set(key, recent);
		if (this.failures.size > 100_000) this.prune();
	}

	private prune(): void {
		for (const key of [...this.failures.keys()]) this.recent(key);
	}
}

/**
 * Counts events across all callers in a sliding window, in one-second buckets (so a flood from
 * many addresses costs a fixed amount of memory).
 */
export class WindowCounter {
	private readonly buckets: { second: number; count: number }[] = [];

	constructor(
		private readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	private prune(): void {
		const oldest = Math.floor((this.now() - this.windowMs) / 1000);
		while (this.buckets.length > 0 && this.buckets[0]!.second <= oldest) this.buckets.shift();
	}

	record(): void {
		this.prune();
		const second = Math.floor(this.now() / 1000);
		const last = this.buckets[this.buckets.length - 1];
		if (last && last.second === second) last.count++;
		else this.buckets.push({ second, count: 1 });
	}

	count(): number {
		this.prune();
		return this.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
	}

	/** Milliseconds until fewer than `limit` events are in the window, or 0 when they are now. */
	retryAfterMs(limit: number): number {
		this.prune();
		let over = this.count() - limit + 1;
		if (over <= 0) return 0;
		for (const bucket of this.buckets) {
			over -= bucket.count;
			if (over <= 0) return Math.max(1, bucket.second * 1000 + this.windowMs - this.now());
		}
		return this.windowMs;
	}
}
