import type { Limits } from '../config';
import type { Access } from '../rooms';
import { TokenBucket } from './token-bucket';

/**
 * Who a key is, within one room: every participant key is one identity, the facilitator key
 * another and the viewer key a third. Limits count per identity, not per socket, so that opening
 * more sockets or reconnecting buys nothing.
 */
export function keyIdentity(roomId: string, access: Access): string {
	return `${roomId}|${access.role}|${access.participantId ?? ''}`;
}

/** The rate limits one key shares across all its connections to a room. */
export type KeyRates = {
	/** Document updates (sync step 2 and update messages). */
	readonly updates: TokenBucket;
	/** Presence (awareness) messages that change this key's own presence. */
	readonly awareness: TokenBucket;
	/**
	 * Presence messages that change nothing: y-websocket clients send every presence change they
	 * receive back to the server (at most one per 50 ms batch and document), so these are allowed
	 * ECHO_FACTOR times as many.
	 */
	readonly echoes: TokenBucket;
	/** Requests the server answers with a whole document or the whole presence: sync step 1, awareness query. */
	readonly requests: TokenBucket;
};

export const ECHO_FACTOR = 10;

type Entry = { rates: KeyRates; connections: number; releasedAt: number };

/**
 * An entry without connections is kept this long after its last one closed, then forgotten.
 * Longer than any bucket needs to refill (burst / rate: 2 s for updates and presence, 60 s for
 * requests), so forgetting an entry never gives a key more than waiting would have.
 */
export const KEY_IDLE_MS = 2 * 60_000;

/** Connections and rate limits per key identity (see keyIdentity). */
export class KeyLimits {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly limits: Limits,
		private readonly now: () => number = Date.now
	) {}

	/** Open connections of one identity. */
	connections(identity: string): number {
		return this.entries.get(identity)?.connections ?? 0;
	}

	/** Counts a new connection of this identity and returns the buckets it shares with the others. */
	acquire(identity: string): KeyRates {
		let entry = this.entries.get(identity);
		if (!entry) {
			const { updatesPerSecond, awarenessPerSecond, syncRequestsPerMinute } = this.limits;
			entry = {
				rates: {
					updates: new TokenBucket(updatesPerSecond, updatesPerSecond * 2, this.now),
					awareness: new TokenBucket(awarenessPerSecond, awarenessPerSecond * 2, this.now),
					echoes: new TokenBucket(
						awarenessPerSecond * ECHO_FACTOR,
						awarenessPerSecond * ECHO_FACTOR * 2,
						this.now
					),
					requests: new TokenBucket(syncRequestsPerMinute / 60, syncRequestsPerMinute, this.now)
				},
				connections: 0,
				releasedAt: 0
			};
			this.entries.set(identity, entry);
		}
		entry.connections += 1;
		return entry.rates;
	}

	/** Called once for every acquire, when that connection is gone. */
	release(identity: string): void {
		const entry = this.entries.get(identity);
		if (!entry) return;
		entry.connections = Math.max(0, entry.connections - 1);
		entry.releasedAt = this.now();
	}

	/** Forgets identities without connections whose buckets have refilled. */
	sweep(): void {
		const before = this.now() - KEY_IDLE_MS;
		for (const [identity, entry] of this.entries) {
			if (entry.connections === 0 && entry.releasedAt <= before) this.entries.delete(identity);
		}
	}

	get size(): number {
		return this.entries.size;
	}
}
