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

	recordFailure(key: string): void {
		const recent = this.recent(key);
		recent.push(this.now());
		this.failures.set(key, recent);
		if (this.failures.size > 100_000) this.prune();
	}

	private prune(): void {
		for (const key of [...this.failures.keys()]) this.recent(key);
	}
}
