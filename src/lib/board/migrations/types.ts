import type * as Y from 'yjs';

/** The documents a room keeps for clients, each with its own stored version. */
export type VersionedDoc = 'board' | 'control' | 'draft';

/**
 * One step of the document schema: raises every kind of document from `version - 1` to
 * `version`. `up` holds what changes per kind; a kind it does not name only gets the new number.
 * Written once, never edited afterwards: a stored document may be at any earlier version.
 */
export type Migration = {
	readonly version: number;
	readonly why: string;
	readonly up: Partial<Record<VersionedDoc, (doc: Y.Doc) => void>>;
};
