// Retention: rooms without activity for RETENTION_DAYS are erased. One clock reading is never
// enough to erase anything: a server clock that is wrong by months (a dead RTC battery, a bad
// NTP answer) would otherwise erase every room at start-up.
import type { Logger } from './log';
import type { RoomRepository } from './rooms';
import type { WorkspaceRepository } from './workspaces';

export type Clock = {
	/** Wall-clock time, ms since the epoch (what activity times are stored in). */
	now: () => number;
	/** Monotonic time in ms (never jumps; only differences mean anything). */
	monotonic: () => number;
};

export const systemClock: Clock = { now: Date.now, monotonic: () => performance.now() };

export type RetentionOptions = {
	rooms: RoomRepository;
	retentionMs: number;
	clock: Clock;
	log: Logger;
	erase: (roomId: string) => void;
	/** Workspaces follow the rooms: one without rooms goes after RETENTION_DAYS without use. */
	workspaces?: {
		repository: WorkspaceRepository;
		erase: (workspaceId: string) => void;
	};
	/** Monotonic time over which a room must be seen expired before it is erased. */
	confirmMs?: number;
	/** Checks that must have seen it expired in that time. */
	confirmChecks?: number;
};

/** How far the wall clock may move away from the monotonic clock between checks. */
const CLOCK_TOLERANCE_MS = 60_000;
/** After a clock jump, or a check that found every room expired, nothing is erased for this long
 * (monotonic): time to notice the warning and fix the clock. */
const JUMP_HOLD_MS = 7 * 24 * 60 * 60 * 1000;

export class Retention {
	/** Room → the monotonic time it was first seen expired, and how often since. */
	private readonly sightings = new Map<string, { first: number; checks: number }>();
	private last: { wall: number; mono: number } | null = null;
	/** Monotonic time before which nothing is erased (after a clock jump). */
	private holdUntil = -Infinity;
	private readonly confirmMs: number;
	private readonly confirmChecks: number;

	constructor(private readonly options: RetentionOptions) {
		this.confirmMs = options.confirmMs ?? 6 * 60 * 60 * 1000;
		this.confirmChecks = options.confirmChecks ?? 3;
	}

	/** One check; returns how many rooms it erased. */
	check(): number {
		const { rooms, retentionMs, clock, log } = this.options;
		if (retentionMs <= 0) return 0;
		const wall = clock.now();
		const mono = clock.monotonic();
		const previous = this.last;
		this.last = { wall, mono };
		if (previous) {
			const monoElapsed = mono - previous.mono;
			const jump = wall - previous.wall - monoElapsed;
			if (Math.abs(jump) > Math.max(CLOCK_TOLERANCE_MS, monoElapsed * 0.01)) {
				log('warn', 'retention_clock_jump', {
					jumpMs: Math.round(jump),
					message: 'the server clock jumped; no room is erased for 7 days: check the clock'
				});
				this.sightings.clear();
				this.holdUntil = mono + JUMP_HOLD_MS;
				return 0;
			}
		}
		if (mono < this.holdUntil) return 0;
		const cutoff = wall - retentionMs;
		const workspaces = this.options.workspaces;
		// Sightings of workspaces are kept under their own prefix (ids of both are random).
		const expired = [
			...rooms.inactiveSince(cutoff),
			...(workspaces?.repository.emptyInactiveSince(cutoff).map((id) => `workspace:${id}`) ?? [])
		];
		if (expired.length === 0) {
			this.sightings.clear();
			return 0;
		}
		const newest = Math.max(
			rooms.newestActivity() ?? -Infinity,
			workspaces?.repository.newestActivity() ?? -Infinity
		);
		if (newest !== -Infinity && newest < cutoff) {
			// Every room past the limit at once: more likely a wrong clock than a whole instance
			// nobody used. Erase nothing; as soon as any room is used again, the others go.
			log('warn', 'retention_held', {
				rooms: expired.length,
				newestActivity: new Date(newest).toISOString(),
				message:
					'every room looks inactive past RETENTION_DAYS, so nothing is erased for 7 days: check the server clock'
			});
			this.sightings.clear();
			// If the clock is wrong, rooms used from now on carry wrong times too: hold for a week
			// after the last such check, not only while every room looks expired.
			this.holdUntil = mono + JUMP_HOLD_MS;
			return 0;
		}
		const stillExpired = new Set(expired);
		for (const roomId of [...this.sightings.keys()]) {
			if (!stillExpired.has(roomId)) this.sightings.delete(roomId);
		}
		let erased = 0;
		for (const roomId of expired) {
			const seen = this.sightings.get(roomId);
			if (!seen) {
				this.sightings.set(roomId, { first: mono, checks: 1 });
				continue;
			}
			seen.checks++;
			if (seen.checks >= this.confirmChecks && mono - seen.first >= this.confirmMs) {
				this.sightings.delete(roomId);
				if (roomId.startsWith('workspace:')) {
					const workspaceId = roomId.slice('workspace:'.length);
					workspaces?.erase(workspaceId);
					log('info', 'workspace_expired', { workspace: workspaceId });
				} else {
					this.options.erase(roomId);
					log('info', 'room_expired', { room: roomId });
				}
				erased++;
			}
		}
		return erased;
	}
}
