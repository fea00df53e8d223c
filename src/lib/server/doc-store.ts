import type { Statement } from 'better-sqlite3';
import type { DB } from './db';

export type StoredDoc = {
	snapshot: Uint8Array | null;
	updates: Uint8Array[];
	lastSeq: number;
	bytes: number;
};

/** What another instance stored since `seq` (PostgreSQL: instances share one log). */
export type StoredSince = { snapshot: Uint8Array | null; updates: Uint8Array[]; lastSeq: number };

/** Told of what other instances did (PostgreSQL's LISTEN/NOTIFY; the log stays the truth). */
export type StoreEvents = {
	/** Another instance appended update `seq` to a document: read from there. */
	appended(roomId: string, doc: string, seq: number): void;
	/** Another instance's batch of presence changes of a document (a Yjs awareness update). */
	presence(roomId: string, doc: string, update: Uint8Array): void;
	/** Another instance erased a room. */
	erased(roomId: string): void;
	/** Notifications may have been missed (the connection was lost): read every document again. */
	resync(): void;
};

/**
 * The seam between the sync server and storage. SQLite (DocStore) answers every call at once,
 * so append returns nothing and the update is broadcast as soon as it returns. PostgreSQL
 * (store/pg-doc-store.ts) returns a promise from append (and compact): the update is broadcast
 * once it resolves, that is once the INSERT has committed, in the order of the appends.
 */
export interface DocStorage {
	clientWriters(roomId: string, doc: string): Map<number, string>;
	bindClient(roomId: string, doc: string, clientId: number, writer: string): void;
	load(roomId: string, doc: string): StoredDoc;
	/** Stores the update; a promise resolves with the number the shared log gave it. */
	append(roomId: string, doc: string, seq: number, update: Uint8Array): void | Promise<number>;
	/** Stores the update before it returns (tools such as a room import; inside a transaction
	 * of the repositories' connection, part of it). */
	appendNow(roomId: string, doc: string, seq: number, update: Uint8Array): void;
	docNames(roomId: string, prefix: string): string[];
	compact(roomId: string, doc: string, uptoSeq: number, snapshot: Uint8Array): void | Promise<void>;
	/** Shared logs only: what was stored after `seq` (a snapshot first when it covers more). */
	readSince?(roomId: string, doc: string, seq: number): Promise<StoredSince>;
	/** Shared logs only: listens for other instances. */
	watch?(events: StoreEvents): void;
	/** Shared logs only: tells other instances of a batch of presence changes. */
	publishPresence?(roomId: string, doc: string, update: Uint8Array): void;
	/** Shared logs only: tells other instances a room was erased. */
	publishErased?(roomId: string): void;
}

/** The Yjs update log of each room document: append-only, compacted into one snapshot. */
export class DocStore implements DocStorage {
	// Prepared once: an append is on every update's path to the other clients.
	private readonly insertUpdate: Statement<[string, string, number, Buffer]>;
	private readonly insertClient: Statement<[string, string, number, string]>;

	constructor(private readonly db: DB) {
		this.insertUpdate = db.prepare(
			'INSERT INTO doc_updates (room_id, doc, seq, data) VALUES (?, ?, ?, ?)'
		);
		this.insertClient = db.prepare(
			'INSERT OR IGNORE INTO doc_clients (room_id, doc, client_id, writer) VALUES (?, ?, ?, ?)'
		);
	}

	/** Who wrote under each Yjs client id of a document (see RoomDoc). */
	clientWriters(roomId: string, doc: string): Map<number, string> {
		const rows = this.db
			.prepare('SELECT client_id, writer FROM doc_clients WHERE room_id = ? AND doc = ?')
			.all(roomId, doc) as { client_id: number; writer: string }[];
		return new Map(rows.map((row) => [row.client_id, row.writer]));
	}

	/** Records the writer of a client id the first time it writes; later calls change nothing. */
	bindClient(roomId: string, doc: string, clientId: number, writer: string): void {
		this.insertClient.run(roomId, doc, clientId, writer);
	}

	load(roomId: string, doc: string): StoredDoc {
		const snapshot = this.db
			.prepare('SELECT upto_seq, data FROM doc_snapshots WHERE room_id = ? AND doc = ?')
			.get(roomId, doc) as { upto_seq: number; data: Buffer } | undefined;
		const rows = this.db
			.prepare('SELECT seq, data FROM doc_updates WHERE room_id = ? AND doc = ? ORDER BY seq')
			.all(roomId, doc) as { seq: number; data: Buffer }[];
		const updates = rows.map((row) => new Uint8Array(row.data));
		const lastSeq = rows.at(-1)?.seq ?? snapshot?.upto_seq ?? 0;
		const bytes =
			(snapshot?.data.length ?? 0) + updates.reduce((sum, update) => sum + update.length, 0);
		return { snapshot: snapshot ? new Uint8Array(snapshot.data) : null, updates, lastSeq, bytes };
	}

	/** Appends synchronously: when this returns, the update is committed (in the write-ahead log). */
	append(roomId: string, doc: string, seq: number, update: Uint8Array): void {
		this.insertUpdate.run(
			roomId,
			doc,
			seq,
			Buffer.from(update.buffer, update.byteOffset, update.byteLength)
		);
	}

	appendNow(roomId: string, doc: string, seq: number, update: Uint8Array): void {
		this.append(roomId, doc, seq, update);
	}

	/** Names of the room's stored documents that start with `prefix`. */
	docNames(roomId: string, prefix: string): string[] {
		const rows = this.db
			.prepare(
				`SELECT doc FROM doc_updates WHERE room_id = ? AND substr(doc, 1, ?) = ?
				 UNION SELECT doc FROM doc_snapshots WHERE room_id = ? AND substr(doc, 1, ?) = ?`
			)
			.all(roomId, prefix.length, prefix, roomId, prefix.length, prefix) as { doc: string }[];
		return rows.map((row) => row.doc).sort();
	}

	/** Replaces the log up to `uptoSeq` with one snapshot of the whole document. */
	compact(roomId: string, doc: string, uptoSeq: number, snapshot: Uint8Array): void {
		this.db.transaction(() => {
			this.db
				.prepare(
					`INSERT INTO doc_snapshots (room_id, doc, upto_seq, data) VALUES (?, ?, ?, ?)
					 ON CONFLICT (room_id, doc) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data`
				)
				.run(roomId, doc, uptoSeq, Buffer.from(snapshot));
			this.db
				.prepare('DELETE FROM doc_updates WHERE room_id = ? AND doc = ? AND seq <= ?')
				.run(roomId, doc, uptoSeq);
		})();
	}
}
