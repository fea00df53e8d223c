// The browser's side of the HTTP API (see README).
import type { Workshop } from '$lib/workshop/types';
import type { Role } from './storage';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

/** A JSON request to our API; a refusal becomes an ApiError with the server's message. */
export async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
	const response = await fetch(path, {
		...init,
		headers: { 'content-type': 'application/json', ...(init.headers ?? {}) }
	});
	const body = await response.json().catch(() => ({}));
	if (!response.ok) throw new ApiError(response.status, body.error ?? response.statusText);
	return body as T;
}

export type CreatedRoom = {
	id: string;
	joinCode: string;
	facilitatorKey: string;
	viewerKey: string;
	urls: { facilitator: string; projector: string; join: string };
};

export type Joined = {
	roomId: string;
	participantId: string;
	participantKey: string;
	name: string;
};

export type RoomInfo = {
	id: string;
	title: string;
	joinCode: string;
	workshop: Workshop;
	role: Role;
	participantId: string | null;
};

export const createRoom = (workshop: string, title: string, variant = '') =>
	call<CreatedRoom>('/api/rooms', {
		method: 'POST',
		body: JSON.stringify({ workshop, title, variant })
	});

export const joinRoom = (code: string, name: string) =>
	call<Joined>('/api/join', { method: 'POST', body: JSON.stringify({ code, name }) });

/** Keys travel in a header, never in the address: addresses end up in proxy and access logs. */
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export const roomInfo = (roomId: string, key: string) =>
	call<RoomInfo>(`/api/rooms/${encodeURIComponent(roomId)}`, { headers: bearer(key) });
