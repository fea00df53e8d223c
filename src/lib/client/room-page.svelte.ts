import { ApiError, roomInfo, type RoomInfo } from './api';
import { RoomConnection } from './room.svelte';
import type { Role } from './storage';

export type RoomFailure = 'no-key' | 'no-membership' | 'gone';

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
	failure = $state<RoomFailure | null>(null);
	room = $state<RoomConnection | null>(null);

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
		this.room = new RoomConnection(roomId, key, role, participantId);
		void this.load(key);
	}

	private async load(key: string): Promise<void> {
		try {
			const info = await roomInfo(this.roomId, key);
			this.info = info;
			localStorage.setItem(infoKey(this.roomId), JSON.stringify(info));
		} catch (error) {
			if (error instanceof ApiError && (error.status === 401 || error.status === 404)) {
				this.failure = 'gone';
				this.destroy();
			}
			// Otherwise we are offline: the remembered info serves.
		}
	}

	destroy(): void {
		this.room?.destroy();
		this.room = null;
	}
}
