// What a browser remembers per room: the keys it was given, so a reload finds its way back.
export type Role = 'facilitator' | 'viewer' | 'participant';
export type Membership = { participantId: string; key: string; name: string };

const keyName = (roomId: string, role: Role) => `visiewerkplaats:${roomId}:${role}`;

function read(name: string): string | null {
	try {
		return localStorage.getItem(name);
	} catch {
		return null;
	}
}

function write(name: string, value: string): void {
	try {
		localStorage.setItem(name, value);
	} catch {
		// Private mode or full storage: the key still works for this visit.
	}
}

/**
 * The key in the page's fragment (`#key=…`, or another parameter), else the one remembered for
 * this room and role. Fragments never reach the server.
 */
export function keyFor(
	roomId: string,
	role: 'facilitator' | 'viewer',
	hash: string,
	param = 'key'
): string | null {
	const fromHash = new URLSearchParams(hash.replace(/^#/, '')).get(param);
	if (fromHash) {
		write(keyName(roomId, role), fromHash);
		return fromHash;
	}
	return read(keyName(roomId, role));
}

export function rememberMembership(roomId: string, membership: Membership): void {
	write(keyName(roomId, 'participant'), JSON.stringify(membership));
}

export function membershipOf(roomId: string): Membership | null {
	const raw = read(keyName(roomId, 'participant'));
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
