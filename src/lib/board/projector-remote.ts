// The projector's remote: what the facilitator's console asks of the projector, which runs on a
// second screen whose keyboard nobody reaches during a session. Kept in the control document
// (written by the facilitator only: the server opens it read-only for participants and the
// projector). The projector still answers its own keys (J, arrows); whichever acts last wins.
import type * as Y from 'yjs';
import { USER_ORIGIN, type Origin } from './origins';
import { controlRoot } from './roots';

/** Control keys of the remote. `JOIN` is cleared when the step changes (goToStep). */
export const REMOTE_KEYS = {
	JOIN: 'projectorJoin',
	TURNS: 'pageTurns',
	PAGING_PAUSED: 'pagingPaused'
} as const;

export type ProjectorRemote = {
	/** The large join panel with the QR code (true) or the slim bar (false) in this step; null: the step's own default. */
	joinLarge: boolean | null;
	/**
	 * The net page turns asked from the console (+1 next, −1 previous), ever. The projector turns
	 * by how much it changed since it last looked: a number, not an event, so that a reloaded
	 * projector turns nothing and two quick presses are never lost in one update.
	 */
	pageTurns: number;
	/** Automatic paging (every 15 s) stopped: pages turn only by hand. */
	pagingPaused: boolean;
};

export const NO_REMOTE: ProjectorRemote = { joinLarge: null, pageTurns: 0, pagingPaused: false };

/** The remote's state, or null when the console never used it (the snapshot then leaves it out). */
export function projectorRemoteFromYdoc(doc: Y.Doc): ProjectorRemote | null {
	const control = controlRoot(doc);
	if (!Object.values(REMOTE_KEYS).some((key) => control.has(key))) return null;
	const join = control.get(REMOTE_KEYS.JOIN);
	const turns = control.get(REMOTE_KEYS.TURNS);
	return {
		joinLarge: typeof join === 'boolean' ? join : null,
		pageTurns: Number.isSafeInteger(turns) ? (turns as number) : 0,
		pagingPaused: control.get(REMOTE_KEYS.PAGING_PAUSED) === true
	};
}

/** Shows the large join panel with the QR code on the projector, or the slim bar, until the next step. */
export function setProjectorJoin(doc: Y.Doc, large: boolean, origin: Origin = USER_ORIGIN): void {
	doc.transact(() => controlRoot(doc).set(REMOTE_KEYS.JOIN, large), origin);
}

/** Turns the projector's pages: 1 the next page, -1 the previous one. */
export function turnProjectorPage(doc: Y.Doc, by: 1 | -1, origin: Origin = USER_ORIGIN): void {
	doc.transact(() => {
		const current = projectorRemoteFromYdoc(doc)?.pageTurns ?? 0;
		controlRoot(doc).set(REMOTE_KEYS.TURNS, current + by);
	}, origin);
}

/** Stops (or resumes) the projector's automatic paging. */
export function setPagingPaused(doc: Y.Doc, paused: boolean, origin: Origin = USER_ORIGIN): void {
	doc.transact(() => {
		if (paused) controlRoot(doc).set(REMOTE_KEYS.PAGING_PAUSED, true);
		else controlRoot(doc).delete(REMOTE_KEYS.PAGING_PAUSED);
	}, origin);
}

/**
 * How many pages to turn now: the change of the console's count since `seen` (null: never
 * looked, as on load, so nothing turns).
 */
export function pendingTurns(seen: number | null, pageTurns: number): number {
	return seen === null ? 0 : pageTurns - seen;
}
