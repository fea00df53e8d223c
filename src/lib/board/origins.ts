// The one type of every transaction's origin, in the browser, on the server and in tests (as
// Hocuspocus does with a single union). Yjs hands the origin to every observer: undo tracks only
// `user`, the server stores everything but `load`, broadcasts a `client` change to every other
// connection, and runs its follow-ups (drafts, tallies) only after a client's change.
export type Origin =
	/** An edit made in this browser through a board operation (the undo manager tracks these). */
	| { readonly kind: 'user' }
	/** A client's update, applied by the server for one connection (opaque to this layer). */
	| { readonly kind: 'client'; readonly connection: object }
	/** State read from storage into memory: already stored, nothing to store or send. */
	| { readonly kind: 'load' }
	/** A schema migration raising a document to `version` (server only). */
	| { readonly kind: 'migration'; readonly version: number }
	/** A change the server makes by the room's rules (drafts moved, ballots counted, totals). */
	| { readonly kind: 'server'; readonly reason: ServerReason };

export type ServerReason = 'rules' | 'drafts' | 'ballots';

export const USER_ORIGIN: Origin = Object.freeze({ kind: 'user' });
export const LOAD_ORIGIN: Origin = Object.freeze({ kind: 'load' });
export const SERVER_ORIGIN: Origin = Object.freeze({ kind: 'server', reason: 'rules' });

export function serverOrigin(reason: ServerReason): Origin {
	return Object.freeze({ kind: 'server', reason });
}

export function clientOrigin(connection: object): Origin {
	return Object.freeze({ kind: 'client', connection });
}

export function migrationOrigin(version: number): Origin {
	return Object.freeze({ kind: 'migration', version });
}

const KINDS = new Set(['user', 'client', 'load', 'migration', 'server']);

/** Whether a value Yjs hands an observer is one of ours (providers use their own objects). */
export function isOrigin(value: unknown): value is Origin {
	return (
		typeof value === 'object' &&
		value !== null &&
		KINDS.has((value as { kind?: unknown }).kind as string)
	);
}

/** The connection whose update this is, when it is a client's. */
export function connectionOf(origin: unknown): object | null {
	return isOrigin(origin) && origin.kind === 'client' ? origin.connection : null;
}
