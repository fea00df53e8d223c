import { ApiError, roomInfo, type RoomInfo } from './api';
import { RoomConnection } from './room.svelte';
import { syncServerClock } from './server-clock';
import type { Role } from './storage';

/**
 * Why a room page cannot show the room: no key in the link, not joined yet, the room is not
 * there (or the key was never right), the room was erased while open, or a key that worked
 * before is refused now (the link no longer valid).
 */
export type RoomFailure = 'no-key' | 'no-membership' | 'gone' | 'erased' | 'revoked';

/** While a room page is offline, this often it asks the server whether the room and key still hold. */
const RECHECK_MS = 15_000;

const infoKey = (roomId: string) => `visiewerkplaats:${roomId}:info`;

function cachedInfo(roomId: string): RoomInfo | null {
	try {
		const raw = localStorage.getItem(infoKey(roomId));
		return raw ? (JSON.parse(raw) as RoomInfo) : null;
	} catch {
		return null;
	}
}

/**
 * What a room page needs: the room's workshop (fetched, and remembered so that a reload
 * without network still shows the page) and the live connection.
 */
export class RoomPage {
	info = $state<RoomInfo | null>(null);
	#failure = $state<RoomFailure | null>(null);
	room = $state<RoomConnection | null>(null);
	#recheck: ReturnType<typeof setInterval> | null = null;
	#worked = false;

	get failure(): RoomFailure | null {
		if (this.#failure) return this.#failure;
		return this.room?.erased ? 'erased' : null;
	}
	set failure(value: RoomFailure | null) {
		this.#failure = value;
	}

	constructor(
		readonly roomId: string,
		readonly key: string | null,
		readonly role: Role,
		readonly participantId?: string
	) {
		if (!key) {
			this.failure = role === 'participant' ? 'no-membership' : 'no-key';
			return;
		}
		this.info = cachedInfo(roomId);
		// Timers run on the server's clock (a phone's own clock may be minutes off).
		void syncServerClock();
		this.room = new RoomConnection(roomId, key, role, participantId);
		void this.load(key);
		// Offline for a while: the room may have been erased, or the key revoked, while no socket
		// was open to hear it. Ask, rather than show "Offline" for ever.
		this.#recheck = setInterval(() => {
			if (this.room && this.room.status !== 'online') void this.load(key);
		}, RECHECK_MS);
	}

	private async load(key: string): Promise<void> {
		try {
			const info = await roomInfo(this.roomId, key);
			this.info = info;
			this.#worked = true;
			localStorage.setItem(infoKey(this.roomId), JSON.stringify(info));
		} catch (error) {
			if (error instanceof ApiError && (error.status === 401 || error.status === 404)) {
				// A room that answered before and is unknown now was erased; a key that worked
				// before and is refused now no longer holds.
				const before = this.#worked || this.info !== null;
				this.failure = !before ? 'gone' : error.status === 404 ? 'erased' : 'revoked';
				this.destroy();
			}
			// Otherwise we are offline: the remembered info serves.
		}
	}

	destroy(): void {
		if (this.#recheck) clearInterval(this.#recheck);
		this.#recheck = null;
		this.room?.destroy();
		this.room = null;
	}
}
