// Whether new participants can join a room with its code (see README, HTTP API).
import { ApiError } from './api';

export type JoiningState = {
	open: boolean;
	/** closed: by the facilitator; idle: the code went unused for JOIN_CODE_IDLE_HOURS. */
	reason: 'open' | 'closed' | 'idle';
	closedAt: string | null;
	expiresAt: string | null;
};

async function call(roomId: string, key: string, init: RequestInit = {}): Promise<JoiningState> {
	const response = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/joining`, {
		...init,
		// The key travels in a header, never in the address (proxy and access logs keep those).
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }
	});
	const body = await response.json().catch(() => ({}));
	if (!response.ok) throw new ApiError(response.status, body.error ?? response.statusText);
	return body.joining as JoiningState;
}

export const getJoining = (roomId: string, key: string) => call(roomId, key);

export const setJoining = (roomId: string, key: string, open: boolean) =>
	call(roomId, key, { method: 'POST', body: JSON.stringify({ open }) });
