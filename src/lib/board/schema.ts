// Each document a client opens (board, control, a participant's draft) stores the version of the
// schema it was written in (`meta.schemaVersion`). Migrations run once, on the server, on every
// path that reads a stored document; a client never migrates (two clients migrating at once would
// duplicate items) and never writes into a document newer than its code (client/version.ts).
import type * as Y from 'yjs';
import { MIGRATIONS, type Migration, type VersionedDoc } from './migrations';
import { migrationOrigin } from './origins';
import { metaRoot } from './roots';

export type { VersionedDoc } from './migrations';

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** The version a document was written in; 0 for one written before versions. */
export function schemaVersionOf(doc: Y.Doc): number {
	const value = metaRoot(doc).get('schemaVersion');
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/** A stored document written by a newer version of the program: it is not read, nor changed. */
export class DocumentTooNewError extends Error {
	constructor(
		readonly kind: VersionedDoc,
		readonly version: number
	) {
		super(
			`this ${kind} document has schema version ${version}, newer than this program knows ` +
				`(${SCHEMA_VERSION}); upgrade Visiewerkplaats to open it`
		);
		this.name = 'DocumentTooNewError';
	}
}

/**
 * Brings a stored document up to SCHEMA_VERSION, each migration in its own transaction (origin
 * `migration`). Returns the versions it applied. A new, empty document is simply stamped with
 * the current version (there is nothing to migrate). Throws DocumentTooNewError, changing
 * nothing, for a document from a newer program.
 */
export function migrate(
	doc: Y.Doc,
	kind: VersionedDoc = 'board',
	migrations: readonly Migration[] = MIGRATIONS
): number[] {
	const target = migrations.at(-1)?.version ?? 0;
	const current = schemaVersionOf(doc);
	if (current > target) throw new DocumentTooNewError(kind, current);
	if (current === target) return [];
	if (doc.store.clients.size === 0) {
		doc.transact(() => metaRoot(doc).set('schemaVersion', target), migrationOrigin(target));
		return [target];
	}
	const applied: number[] = [];
	for (const migration of migrations) {
		if (schemaVersionOf(doc) >= migration.version) continue;
		doc.transact(() => {
			migration.up[kind]?.(doc);
			metaRoot(doc).set('schemaVersion', migration.version);
		}, migrationOrigin(migration.version));
		applied.push(migration.version);
	}
	return applied;
}

/** Which kind of versioned document a stored document name is, or null (the server's tally). */
export function versionedKindOf(name: string): VersionedDoc | null {
	if (name === 'board' || name === 'control') return name;
	return name.startsWith('draft-') || name === 'draft' ? 'draft' : null;
}

/**
 * What a browser does with a document from the server, given the version its own code has:
 * `write` when they match (or the server's is older: it raises it before anyone syncs), `reload`
 * when the server's is newer and the page has not reloaded for it yet, `stop` when it has (the
 * browser still runs old code, e.g. from a cache): it then writes nothing.
 */
export function versionAction(
	docVersion: number,
	codeVersion: number,
	reloadedFor: number | null
): 'write' | 'reload' | 'stop' {
	if (docVersion <= codeVersion) return 'write';
	return reloadedFor !== null && reloadedFor >= docVersion ? 'stop' : 'reload';
}
