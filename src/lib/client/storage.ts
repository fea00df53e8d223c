// What a browser remembers per room: the keys it was given, so a reload finds its way back.
import { readLocal, writeLocal } from './local-store';

export type Role = 'facilitator' | 'viewer' | 'participant';
export type Membership = { participantId: string; key: string; name: string };

const keyName = (roomId: string, role: Role) => `visiewerkplaats:${roomId}:${role}`;

export type KeyRole = 'facilitator' | 'viewer';

/**
 * The fragment `hash` without the parameters `params`: `''` when nothing else is left, `null`
 * when it held none of them (nothing to change).
 */
export function fragmentWithout(hash: string, params: readonly string[]): string | null {
	const fragment = new URLSearchParams(hash.replace(/^#/, ''));
	if (!params.some((param) => fragment.has(param))) return null;
	for (const param of params) fragment.delete(param);
	const rest = fragment.toString();
	return rest ? `#${rest}` : '';
}

/**
 * The keys of a console or projector page, by role. A key handed over in the page's fragment
 * (`#key=…&viewer=…`; fragments never reach the server) is remembered for this room and role and
 * then taken out of the address bar and the history entry at once (`history.replaceState`): the
 * address is projected, photographed and kept in the browser's history. Without one in the
 * fragment, the key this browser remembers for the room serves, so a reload keeps working.
 *
 * The keys are kept in localStorage, like a participant's membership: a facilitator whose browser
 * crashes or restarts mid-session gets back in from the history or a bookmark without the key.
 */
export function takeRoomKeys(
	roomId: string,
	params: Partial<Record<string, KeyRole>>
): Record<KeyRole, string | null> {
	const keys: Record<KeyRole, string | null> = { facilitator: null, viewer: null };
	const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
	for (const [param, role] of Object.entries(params)) {
		if (!role) continue;
		const given = fragment.get(param);
		if (given) writeLocal(keyName(roomId, role), given);
		keys[role] = given || readLocal(keyName(roomId, role));
	}
	const rest = fragmentWithout(location.hash, Object.keys(params));
	if (rest !== null) {
		// SvelteKit's own history state is kept as it is; only the address changes.
		history.replaceState(history.state, '', `${location.pathname}${location.search}${rest}`);
	}
	return keys;
}

/** The address of a console that opens with its keys (for a bookmark: it gives full control). */
export function consoleLink(
	origin: string,
	roomId: string,
	facilitatorKey: string,
	viewerKey: string | null
): string {
	const fragment = new URLSearchParams({ key: facilitatorKey });
	if (viewerKey) fragment.set('viewer', viewerKey);
	return `${origin}/r/${encodeURIComponent(roomId)}/begeleider#${fragment}`;
}

export function rememberMembership(roomId: string, membership: Membership): void {
	writeLocal(keyName(roomId, 'participant'), JSON.stringify(membership));
}

export function membershipOf(roomId: string): Membership | null {
	const raw = readLocal(keyName(roomId, 'participant'));
	if (!raw) return null;
	try {
		const value = JSON.parse(raw) as Partial<Membership>;
		return value.key && value.participantId
			? { participantId: value.participantId, key: value.key, name: value.name ?? '' }
			: null;
	} catch {
		return null;
	}
}
