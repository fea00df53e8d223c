/** Allows `ratePerSecond` events per second on average, with bursts up to `burst`. */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly ratePerSecond: number,
		private readonly burst: number,
		private readonly now: () => number = Date.now
	) {
		this.tokens = burst;
		this.last = now();
	}

	take(): boolean {
		const time = this.now();
		this.tokens = Math.min(
			this.burst,
			this.tokens + ((time - this.last) / 1000) * this.ratePerSecond
		);
		this.last = time;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}
