import type * as Y from 'yjs';
import { metaRoot } from './roots';

export const SCHEMA_VERSION = 1;

type Migration = { version: number; up: (doc: Y.Doc) => void };

// Migrations run once, on the server, when a room document is loaded. Each raises the
// stored version by one; a client never migrates (that would duplicate items).
const MIGRATIONS: readonly Migration[] = [{ version: 1, up: () => {} }];

export function schemaVersionOf(doc: Y.Doc): number {
	const value = metaRoot(doc).get('schemaVersion');
	return typeof value === 'number' ? value : 0;
}

/** Brings a document up to SCHEMA_VERSION. Returns the versions it applied. */
export function migrate(doc: Y.Doc): number[] {
	const applied: number[] = [];
	for (const migration of MIGRATIONS) {
		if (schemaVersionOf(doc) >= migration.version) continue;
		doc.transact(
			() => {
				migration.up(doc);
				metaRoot(doc).set('schemaVersion', migration.version);
			},
			{ kind: 'migration', version: migration.version }
		);
		applied.push(migration.version);
	}
	return applied;
}
