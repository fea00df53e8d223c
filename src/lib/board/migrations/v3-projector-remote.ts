import type { Migration } from './types';

/**
 * Version 3: the control document carries the projector's remote (projector-remote.ts: the join
 * panel, page turns, paused paging), which the console writes and the projector follows. Nothing
 * stored changes shape (a document without those keys reads as "never used"); the number rises
 * so that a projector still running older code, which would ignore the console's remote, reloads.
 */
export const v3: Migration = {
	version: 3,
	why: 'control carries the projector remote',
	up: {}
};
