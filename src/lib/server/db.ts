import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type DB = Database.Database;

// Numbered migrations: each runs once, in order, inside a transaction; user_version records
// how far a database file has come.
export const MIGRATIONS: readonly string[] = [
	`CREATE TABLE rooms (
		id TEXT PRIMARY KEY,
		join_code TEXT NOT NULL UNIQUE,
		title TEXT NOT NULL,
		workshop TEXT NOT NULL,
		facilitator_key_hash BLOB NOT NULL,
		viewer_key_hash BLOB NOT NULL,
		created_at INTEGER NOT NULL,
		last_active_at INTEGER NOT NULL
	);
	CREATE TABLE participants (
		id TEXT PRIMARY KEY,
		room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
		key_hash BLOB NOT NULL UNIQUE,
		name TEXT NOT NULL DEFAULT '',
		joined_at INTEGER NOT NULL
	);
	CREATE INDEX participants_room ON participants(room_id);
	CREATE TABLE doc_updates (
		room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
		doc TEXT NOT NULL,
		seq INTEGER NOT NULL,
		data BLOB NOT NULL,
		PRIMARY KEY (room_id, doc, seq)
	);
	CREATE TABLE doc_snapshots (
		room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
		doc TEXT NOT NULL,
		upto_seq INTEGER NOT NULL,
		data BLOB NOT NULL,
		PRIMARY KEY (room_id, doc)
	);`,
	// 2: the workshop variant a room runs (e.g. the 60-minute version); '' is the default.
	`ALTER TABLE rooms ADD COLUMN variant TEXT NOT NULL DEFAULT ''`,
	// 3: when the facilitator closed joining (NULL: the join code works). Rooms stored before
	// keep an open code.
	`ALTER TABLE rooms ADD COLUMN join_closed_at INTEGER`,
	// 4: which writer (the facilitator, or one participant) each Yjs client id of a room document
	// belongs to, so that nobody can write under another's id (docs/RELIABILITY.md).
	`CREATE TABLE doc_clients (
		room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
		doc TEXT NOT NULL,
		client_id INTEGER NOT NULL,
		writer TEXT NOT NULL,
		PRIMARY KEY (room_id, doc, client_id)
	)`,
	// 5: the workshop a room runs as it was when the room began (JSON) and its content hash, so
	// that a room keeps its steps when the file is later edited or removed. Rooms stored before
	// have none and use the installed file.
	`ALTER TABLE rooms ADD COLUMN workshop_hash TEXT NOT NULL DEFAULT '';
	ALTER TABLE rooms ADD COLUMN workshop_copy TEXT`,
	// 6: workspaces (a municipality's trajectory of sessions, without accounts). Each access key
	// is kept as its hash, with the workspace's vault key sealed under it; a room of a workspace
	// keeps its own keys sealed under that vault key, so that only a workspace key opens its
	// consoles (workspaces.ts). A feedback page is what a room publishes to its residents.
	`CREATE TABLE workspaces (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		last_active_at INTEGER NOT NULL
	);
	CREATE TABLE workspace_keys (
		key_hash BLOB PRIMARY KEY,
		workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
		role TEXT NOT NULL,
		sealed_vault BLOB NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE INDEX workspace_keys_workspace ON workspace_keys(workspace_id);
	ALTER TABLE rooms ADD COLUMN workspace_id TEXT REFERENCES workspaces(id) ON DELETE SET NULL;
	ALTER TABLE rooms ADD COLUMN sealed_keys BLOB;
	CREATE INDEX rooms_workspace ON rooms(workspace_id);
	CREATE TABLE feedback_pages (
		id TEXT PRIMARY KEY,
		room_id TEXT NOT NULL UNIQUE REFERENCES rooms(id) ON DELETE CASCADE,
		content TEXT,
		published_at INTEGER
	)`,
	// 7: a row of a document's log may hold a block of updates merged into one (doc-store.ts,
	// MERGE_EVERY): from_seq is the first of them, seq the last; NULL for a single update.
	`ALTER TABLE doc_updates ADD COLUMN from_seq INTEGER`
];

export function migrateDatabase(db: DB, migrations: readonly string[] = MIGRATIONS): number {
	const current = db.pragma('user_version', { simple: true }) as number;
	if (current > migrations.length) {
		throw new Error(
			`database schema version ${current} is newer than this program knows (${migrations.length}); upgrade Visiewerkplaats`
		);
	}
	for (let version = current + 1; version <= migrations.length; version++) {
		db.transaction(() => {
			db.exec(migrations[version - 1]!);
			db.pragma(`user_version = ${version}`);
		})();
	}
	return migrations.length;
}

/** Thrown when the database file cannot be served as it is; the message says what to do. */
export class DatabaseFileError extends Error {}

export function openDatabase(file: string): DB {
	if (file !== ':memory:') {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		// SQLite would take an empty file as a new, empty database and serve it without a word:
		// after a failed copy or restore every room would seem gone. A missing file is a new
		// instance; an empty one is an accident until the operator says otherwise.
		const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
		if (size === 0) {
			throw new DatabaseFileError(
				`the database file ${file} is empty (0 bytes), probably a failed copy or restore. ` +
					`Nothing was started, so nothing was changed. Restore the backup again ` +
					`(docs/RELIABILITY.md, "Restoring a backup"), or, to start a new instance without ` +
					`any rooms, delete the empty file.`
			);
		}
	}
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	// NORMAL (in WAL mode): a transaction that returned is in the log file, so an acknowledged
	// update survives kill -9 of the server. The log reaches the disk platter at each checkpoint,
	// which a worker thread takes every second (checkpointer.ts): a slow fsync (seconds, on some
	// virtual disks) then never freezes every live room. After a power cut the last second can be
	// missing on the server; the clients still hold it and send it again when they reconnect.
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('secure_delete = ON');
	db.pragma('busy_timeout = 5000');
	migrateDatabase(db);
	return db;
}
