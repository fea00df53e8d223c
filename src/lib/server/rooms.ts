import type { DB } from './db';
import { statement } from './statements';
import {
	hashKey,
	newJoinCode,
	newKey,
	newParticipantId,
	newRoomId,
	normalizeJoinCode,
	sameHash
} from './keys';

export type Role = 'facilitator' | 'viewer' | 'participant';

export type Room = {
	id: string;
	joinCode: string;
	title: string;
	workshop: string;
	variant: string;
	createdAt: number;
	lastActiveAt: number;
	/** When the facilitator closed joining; null while the join code works. */
	joinClosedAt: number | null;
};

export type CreatedRoom = Room & { facilitatorKey: string; viewerKey: string };
export type Participant = { id: string; roomId: string; name: string; key: string };
export type Access = { role: Role; participantId: string | null };

type RoomRow = {
	id: string;
	join_code: string;
	title: string;
	workshop: string;
	variant: string;
	created_at: number;
	last_active_at: number;
	join_closed_at: number | null;
	facilitator_key_hash: Buffer;
	viewer_key_hash: Buffer;
};

const toRoom = (row: RoomRow): Room => ({
	id: row.id,
	joinCode: row.join_code,
	title: row.title,
	workshop: row.workshop,
	variant: row.variant,
	createdAt: row.created_at,
	lastActiveAt: row.last_active_at,
	joinClosedAt: row.join_closed_at ?? null
});

const ROOM_FULL = 'ROOM_FULL';

/**
 * A room that holds its maximum of participants. The class exists once per bundle (SvelteKit's
 * and build/server.js each have a copy), so callers test `isRoomFull(error)`, never
 * `instanceof`.
 */
export class RoomFullError extends Error {
	readonly code = ROOM_FULL;
	constructor(message: string) {
		super(message);
		this.name = 'RoomFullError';
	}
}

export function isRoomFull(error: unknown): boolean {
	return (
		typeof error === 'object' && error !== null && (error as { code?: unknown }).code === ROOM_FULL
	);
}

/** Rooms, their keys and participants in SQLite. Keys are stored only as SHA-256 hashes. */
export class RoomRepository {
	constructor(
		private readonly db: DB,
		private readonly now: () => number = Date.now
	) {}

	/**
	 * `copy` is the workshop as the room begins with it (JSON), kept with its hash so that the
	 * room keeps its steps when the file changes (room-workshop.ts).
	 */
	create(input: {
		title: string;
		workshop: string;
		variant?: string;
		copy?: { json: string; hash: string };
		/** When the session took place (an imported room keeps its date); now by default. */
		createdAt?: number;
	}): CreatedRoom {
		const facilitatorKey = newKey();
		const viewerKey = newKey();
		const insert = statement(
			this.db,
			`INSERT INTO rooms (id, join_code, title, workshop, variant, facilitator_key_hash, viewer_key_hash, created_at, last_active_at, workshop_hash, workshop_copy)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		for (let attempt = 0; ; attempt++) {
			const room: Room = {
				id: newRoomId(),
				joinCode: newJoinCode(),
				title: input.title,
				workshop: input.workshop,
				variant: input.variant ?? '',
				createdAt: input.createdAt ?? this.now(),
				lastActiveAt: this.now(),
				joinClosedAt: null
			};
			try {
				insert.run(
					room.id,
					room.joinCode,
					room.title,
					room.workshop,
					room.variant,
					hashKey(facilitatorKey),
					hashKey(viewerKey),
					room.createdAt,
					room.lastActiveAt,
					input.copy?.hash ?? '',
					input.copy?.json ?? null
				);
				return { ...room, facilitatorKey, viewerKey };
			} catch (error) {
				const clash = error instanceof Error && /UNIQUE/.test(error.message);
				if (!clash || attempt >= 20) throw error;
			}
		}
	}

	/** The workshop as the room began with it, and its hash; null for rooms stored before. */
	workshopCopy(roomId: string): { json: string; hash: string } | null {
		const row = statement(
			this.db,
			'SELECT workshop_copy, workshop_hash FROM rooms WHERE id = ?'
		).get(roomId) as { workshop_copy: string | null; workshop_hash: string } | undefined;
		return row?.workshop_copy ? { json: row.workshop_copy, hash: row.workshop_hash } : null;
	}

	get(id: string): Room | null {
		const row = statement(this.db, 'SELECT * FROM rooms WHERE id = ?').get(id) as
			RoomRow | undefined;
		return row ? toRoom(row) : null;
	}

	findByCode(input: string): Room | null {
		const code = normalizeJoinCode(input);
		if (!code) return null;
		const row = statement(this.db, 'SELECT * FROM rooms WHERE join_code = ?').get(code) as
			RoomRow | undefined;
		return row ? toRoom(row) : null;
	}

	/** Which role a key gives in a room, or null. Every candidate is compared in constant time. */
	authorize(roomId: string, key: string): Access | null {
		const row = statement(this.db, 'SELECT * FROM rooms WHERE id = ?').get(roomId) as
			RoomRow | undefined;
		if (!row || !key) return null;
		const hash = hashKey(key);
		if (sameHash(hash, row.facilitator_key_hash))
			return { role: 'facilitator', participantId: null };
		if (sameHash(hash, row.viewer_key_hash)) return { role: 'viewer', participantId: null };
		const participant = statement(
			this.db,
			'SELECT id, key_hash FROM participants WHERE room_id = ? AND key_hash = ?'
		).get(roomId, hash) as { id: string; key_hash: Buffer } | undefined;
		if (participant && sameHash(hash, participant.key_hash)) {
			return { role: 'participant', participantId: participant.id };
		}
		return null;
	}

	addParticipant(roomId: string, name: string, limit: number): Participant {
		return this.db.transaction(() => {
			const { count } = statement(
				this.db,
				'SELECT COUNT(*) AS count FROM participants WHERE room_id = ?'
			).get(roomId) as { count: number };
			if (count >= limit) throw new RoomFullError(`room holds at most ${limit} participants`);
			const participant: Participant = { id: newParticipantId(), roomId, name, key: newKey() };
			statement(
				this.db,
				'INSERT INTO participants (id, room_id, key_hash, name, joined_at) VALUES (?, ?, ?, ?, ?)'
			).run(participant.id, roomId, hashKey(participant.key), name, this.now());
			this.touch(roomId);
			return participant;
		})();
	}

	/** Opens or closes the join code. Opening counts as activity, so an idle code works again. */
	/** The name a participant joined with ('' when they gave none). */
	participantName(roomId: string, participantId: string): string {
		const row = statement(
			this.db,
			'SELECT name FROM participants WHERE room_id = ? AND id = ?'
		).get(roomId, participantId) as { name: string } | undefined;
		return row?.name ?? '';
	}

	setJoining(roomId: string, open: boolean): void {
		statement(this.db, 'UPDATE rooms SET join_closed_at = ? WHERE id = ?').run(
			open ? null : this.now(),
			roomId
		);
		if (open) this.touch(roomId);
	}

	participantCount(roomId: string): number {
		const row = statement(
			this.db,
			'SELECT COUNT(*) AS count FROM participants WHERE room_id = ?'
		).get(roomId) as { count: number };
		return row.count;
	}

	touch(roomId: string): void {
		statement(this.db, 'UPDATE rooms SET last_active_at = ? WHERE id = ?').run(this.now(), roomId);
	}

	/** Ids of rooms whose last activity is older than `cutoff` (ms since the epoch). */
	inactiveSince(cutoff: number): string[] {
		const rows = statement(this.db, 'SELECT id FROM rooms WHERE last_active_at < ?').all(
			cutoff
		) as {
			id: string;
		}[];
		return rows.map((row) => row.id);
	}

	/** The latest activity of any room (ms since the epoch), or null when there is no room. */
	newestActivity(): number | null {
		const row = statement(this.db, 'SELECT MAX(last_active_at) AS newest FROM rooms').get() as {
			newest: number | null;
		};
		return row.newest;
	}

	/** Erases the room and, through the foreign keys, its participants and documents. */
	delete(roomId: string): boolean {
		const result = statement(this.db, 'DELETE FROM rooms WHERE id = ?').run(roomId);
		if (result.changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
		return result.changes > 0;
	}
}
