import type { Statement } from 'better-sqlite3';
import type { DB } from './db';

export type StoredDoc = {
	snapshot: Uint8Array | null;
	updates: Uint8Array[];
	lastSeq: number;
	bytes: number;
};

/** The Yjs update log of each room document: append-only, compacted into one snapshot. */
export class DocStore {
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
