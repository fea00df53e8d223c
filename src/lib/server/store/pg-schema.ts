// The PostgreSQL schema: the same tables and numbered migrations as db.ts's MIGRATIONS, one for
// one (tests/integration/postgres-store.test.ts fails when the two lists differ in length), in
// PostgreSQL's types: BYTEA for BLOB, BIGINT for times in ms and Yjs client ids (unsigned 32 bits).

export const PG_MIGRATIONS: readonly string[] = [
	`CREATE TABLE rooms (
		id TEXT PRIMARY KEY,
		join_code TEXT NOT NULL UNIQUE,
		title TEXT NOT NULL,
		workshop TEXT NOT NULL,
		facilitator_key_hash BYTEA NOT NULL,
		viewer_key_hash BYTEA NOT NULL,
		created_at BIGINT NOT NULL,
		last_active_at BIGINT NOT NULL
	);
	CREATE TABLE participants (
		id TEXT PRIMARY KEY,
		room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
		key_hash BYTEA NOT NULL UNIQUE,
		name TEXT NOT NULL DEFAULT '',
		joined_at BIGINT NOT NULL
	);
	CREATE INDEX participants_room ON participants(room_id);
	CREATE TABLE doc_updates (
		room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
		doc TEXT NOT NULL,
		seq BIGINT NOT NULL,
		data BYTEA NOT NULL,
		PRIMARY KEY (room_id, doc, seq)
	);
	CREATE TABLE doc_snapshots (
		room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
		doc TEXT NOT NULL,
		upto_seq BIGINT NOT NULL,
		data BYTEA NOT NULL,
		PRIMARY KEY (room_id, doc)
	);`,
	// 2
	`ALTER TABLE rooms ADD COLUMN variant TEXT NOT NULL DEFAULT ''`,
	// 3
	`ALTER TABLE rooms ADD COLUMN join_closed_at BIGINT`,
	// 4
	`CREATE TABLE doc_clients (
		room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
		doc TEXT NOT NULL,
		client_id BIGINT NOT NULL,
		writer TEXT NOT NULL,
		PRIMARY KEY (room_id, doc, client_id)
	)`,
	// 5
	`ALTER TABLE rooms ADD COLUMN workshop_hash TEXT NOT NULL DEFAULT '';
	ALTER TABLE rooms ADD COLUMN workshop_copy TEXT`,
	// 6: workspaces (see db.ts)
	`CREATE TABLE workspaces (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		last_active_at BIGINT NOT NULL
	);
	CREATE TABLE workspace_keys (
		key_hash BYTEA PRIMARY KEY,
		workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
		role TEXT NOT NULL,
		sealed_vault BYTEA NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX workspace_keys_workspace ON workspace_keys(workspace_id);
	ALTER TABLE rooms ADD COLUMN workspace_id TEXT REFERENCES workspaces(id) ON DELETE SET NULL;
	ALTER TABLE rooms ADD COLUMN sealed_keys BYTEA;
	CREATE INDEX rooms_workspace ON rooms(workspace_id);
	CREATE TABLE feedback_pages (
		id TEXT PRIMARY KEY,
		room_id TEXT NOT NULL UNIQUE REFERENCES rooms(id) ON DELETE CASCADE,
		content TEXT,
		published_at BIGINT
	)`,
	// 7: blocks of merged updates in the log (see db.ts)
	`ALTER TABLE doc_updates ADD COLUMN from_seq BIGINT`
];

/** Channels: an append ("<instance> <room> <doc> <seq>"), a presence batch, an erased room. */
export const CHANNEL_UPDATES = 'vwp_updates';
export const CHANNEL_PRESENCE = 'vwp_presence';
export const CHANNEL_ERASED = 'vwp_erased';

/**
 * Functions (code, not schema: replaced at every start). `vwp_append` gives each update of a
 * document the next number of that document's log under a lock held until its commit, so that
 * numbers are committed in order: an instance that has read up to N and is told of N + 1 never
 * misses an update committed later with a smaller number. It takes a batch (the updates an
 * instance applied while its previous append was committing), numbered in the order given, and
 * returns the first number; the notification, with the last number, is sent at commit.
 */
export const PG_FUNCTIONS = `
CREATE OR REPLACE FUNCTION vwp_doc_lock(p_room TEXT, p_doc TEXT) RETURNS VOID
LANGUAGE sql VOLATILE AS $$ SELECT pg_advisory_xact_lock(hashtextextended(p_room || '/' || p_doc, 0)) $$;

CREATE OR REPLACE FUNCTION vwp_append(p_instance TEXT, p_room TEXT, p_doc TEXT, p_data BYTEA[])
RETURNS BIGINT LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	first_seq BIGINT;
BEGIN
	PERFORM vwp_doc_lock(p_room, p_doc);
	SELECT GREATEST(
		COALESCE((SELECT MAX(seq) FROM doc_updates WHERE room_id = p_room AND doc = p_doc), 0),
		COALESCE((SELECT upto_seq FROM doc_snapshots WHERE room_id = p_room AND doc = p_doc), 0)
	) + 1 INTO first_seq;
	INSERT INTO doc_updates (room_id, doc, seq, data)
		SELECT p_room, p_doc, first_seq + ord - 1, data
		FROM unnest(p_data) WITH ORDINALITY AS batch(data, ord);
	PERFORM pg_notify('${CHANNEL_UPDATES}',
		p_instance || ' ' || p_room || ' ' || p_doc || ' ' || (first_seq + cardinality(p_data) - 1));
	RETURN first_seq;
END $$;
`;
