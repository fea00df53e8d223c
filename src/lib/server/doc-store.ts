import type { Statement } from 'better-sqlite3';
import * as Y from 'yjs';
import type { DB } from './db';
import type { Logger } from './log';
import { statement } from './statements';

export type StoredDoc = {
	snapshot: Uint8Array | null;
	/** The log's rows in order: single updates, or blocks of them merged (see MERGE_EVERY). */
	updates: Uint8Array[];
	/** How many updates those rows hold (what compaction counts). */
	logged: number;
	lastSeq: number;
	bytes: number;
};

/**
 * The log is kept in blocks: once an update numbered a multiple of this is stored, the rows
 * since the last block are replaced, after the append, by one row of them merged
 * (`Y.mergeUpdates`, numbered by its last update, `from_seq` its first). Yjs applies 20,000
 * updates one by one in ~400 ms, 200 blocks of 100 in a fraction of that (docs/PERFORMANCE.md,
 * scenario 5), so a log that was never compacted (a crash, a compaction that keeps failing)
 * still loads fast. A block is numbered by its last update, so "every row numbered above N"
 * still holds every update after N (some before it as well, which Yjs applies idempotently).
 */
export const MERGE_EVERY = 100;

/** Whether the updates numbered `first` to `last` reach a multiple of MERGE_EVERY. */
export function closesBlock(first: number, last: number): boolean {
	return Math.floor(last / MERGE_EVERY) > Math.floor((first - 1) / MERGE_EVERY);
}

/**
 * Yjs tidies a document at the end of each transaction (merging neighbouring structs, each merge
 * a splice of the client's struct array): in one transaction over a whole long log that tidying
 * cost more than the applying. Stored rows are applied in transactions of about this many bytes
 * (one block, or some 140 single updates).
 */
const LOAD_TRANSACTION_BYTES = 16_384;

/** Applies a stored document (its snapshot, then its log in order) to `doc`. */
export function applyStored(doc: Y.Doc, stored: StoredDoc, origin: unknown): void {
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, origin);
	const rows = stored.updates;
	for (let i = 0; i < rows.length;) {
		doc.transact(() => {
			let bytes = 0;
			do {
				bytes += rows[i]!.length;
				Y.applyUpdate(doc, rows[i++]!);
			} while (i < rows.length && bytes + rows[i]!.length <= LOAD_TRANSACTION_BYTES);
		}, origin);
	}
}

/** A row of the log: `from_seq` is null for a single update (numbered `seq`). */
export type LogRow = { seq: number; from_seq: number | null; data: Uint8Array };

/** The updates a row holds. */
export function updatesIn(row: { seq: number; from_seq: number | null }): number {
	return row.from_seq === null ? 1 : Number(row.seq) - Number(row.from_seq) + 1;
}

/** Rows of the log merged into one block (its first and last number, and its update). */
export function mergeRows(rows: LogRow[]): { fromSeq: number; seq: number; data: Uint8Array } {
	return {
		fromSeq: Math.min(...rows.map((row) => Number(row.from_seq ?? row.seq))),
		seq: Math.max(...rows.map((row) => Number(row.seq))),
		data: Y.mergeUpdates(rows.map((row) => row.data))
	};
}

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

/** The Yjs update log of each room document: append-only, kept in blocks, compacted into one snapshot. */
export class DocStore implements DocStorage {
	// Prepared once: an append is on every update's path to the other clients.
	private readonly insertUpdate: Statement<[string, string, number, Buffer]>;
	private readonly insertClient: Statement<[string, string, number, string]>;

	constructor(
		private readonly db: DB,
		private readonly log?: Logger
	) {
		this.insertUpdate = db.prepare(
			'INSERT INTO doc_updates (room_id, doc, seq, data) VALUES (?, ?, ?, ?)'
		);
		this.insertClient = db.prepare(
			'INSERT OR IGNORE INTO doc_clients (room_id, doc, client_id, writer) VALUES (?, ?, ?, ?)'
		);
	}

	/** Who wrote under each Yjs client id of a document (see RoomDoc). */
	clientWriters(roomId: string, doc: string): Map<number, string> {
		const rows = statement(
			this.db,
			'SELECT client_id, writer FROM doc_clients WHERE room_id = ? AND doc = ?'
		).all(roomId, doc) as { client_id: number; writer: string }[];
		return new Map(rows.map((row) => [row.client_id, row.writer]));
	}

	/** Records the writer of a client id the first time it writes; later calls change nothing. */
	bindClient(roomId: string, doc: string, clientId: number, writer: string): void {
		this.insertClient.run(roomId, doc, clientId, writer);
	}

	load(roomId: string, doc: string): StoredDoc {
		const snapshot = statement(
			this.db,
			'SELECT upto_seq, data FROM doc_snapshots WHERE room_id = ? AND doc = ?'
		).get(roomId, doc) as { upto_seq: number; data: Buffer } | undefined;
		const rows = statement(
			this.db,
			'SELECT seq, from_seq, data FROM doc_updates WHERE room_id = ? AND doc = ? ORDER BY seq'
		).all(roomId, doc) as { seq: number; from_seq: number | null; data: Buffer }[];
		const updates = rows.map((row) => new Uint8Array(row.data));
		const lastSeq = rows.at(-1)?.seq ?? snapshot?.upto_seq ?? 0;
		const logged = rows.reduce((sum, row) => sum + updatesIn(row), 0);
		const bytes =
			(snapshot?.data.length ?? 0) + updates.reduce((sum, update) => sum + update.length, 0);
		return {
			snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
			updates,
			logged,
			lastSeq,
			bytes
		};
	}

	/** Appends synchronously: when this returns, the update is committed (in the write-ahead log). */
	append(roomId: string, doc: string, seq: number, update: Uint8Array): void {
		this.insertUpdate.run(
			roomId,
			doc,
			seq,
			Buffer.from(update.buffer, update.byteOffset, update.byteLength)
		);
		// After the caller has sent the update on (and committed, in a transaction).
		if (closesBlock(seq, seq)) setImmediate(() => this.mergeBlock(roomId, doc, seq));
	}

	appendNow(roomId: string, doc: string, seq: number, update: Uint8Array): void {
		this.append(roomId, doc, seq, update);
	}

	/**
	 * Replaces the rows after the last block, up to `uptoSeq`, by one block. One transaction: a
	 * crash or a failure before its end leaves the rows as they were.
	 */
	mergeBlock(roomId: string, doc: string, uptoSeq: number): void {
		if (!this.db.open) return; // closed meanwhile: the rows stay single, and load as such
		try {
			this.db.transaction(() => {
				const rows = statement(
					this.db,
					`SELECT seq, from_seq, data FROM doc_updates
						 WHERE room_id = @roomId AND doc = @doc AND seq <= @uptoSeq AND seq > COALESCE((
						   SELECT MAX(seq) FROM doc_updates WHERE room_id = @roomId AND doc = @doc
						   AND from_seq IS NOT NULL AND seq <= @uptoSeq), 0)
						 ORDER BY seq`
				).all({ roomId, doc, uptoSeq }) as LogRow[];
				if (rows.length < 2) return;
				const block = mergeRows(rows);
				statement(
					this.db,
					'DELETE FROM doc_updates WHERE room_id = ? AND doc = ? AND seq >= ? AND seq <= ?'
				).run(roomId, doc, rows[0]!.seq, block.seq);
				statement(
					this.db,
					'INSERT INTO doc_updates (room_id, doc, seq, from_seq, data) VALUES (?, ?, ?, ?, ?)'
				).run(roomId, doc, block.seq, block.fromSeq, Buffer.from(block.data));
			})();
		} catch (error) {
			// The rows are as they were: single updates load as well, only slower.
			this.log?.('warn', 'store_merge_failed', { room: roomId, doc, message: String(error) });
		}
	}

	/** Names of the room's stored documents that start with `prefix`. */
	docNames(roomId: string, prefix: string): string[] {
		const rows = statement(
			this.db,
			`SELECT doc FROM doc_updates WHERE room_id = ? AND substr(doc, 1, ?) = ?
				 UNION SELECT doc FROM doc_snapshots WHERE room_id = ? AND substr(doc, 1, ?) = ?`
		).all(roomId, prefix.length, prefix, roomId, prefix.length, prefix) as { doc: string }[];
		return rows.map((row) => row.doc).sort();
	}

	/** Replaces the log up to `uptoSeq` with one snapshot of the whole document. */
	compact(roomId: string, doc: string, uptoSeq: number, snapshot: Uint8Array): void {
		this.db.transaction(() => {
			statement(
				this.db,
				`INSERT INTO doc_snapshots (room_id, doc, upto_seq, data) VALUES (?, ?, ?, ?)
					 ON CONFLICT (room_id, doc) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data`
			).run(roomId, doc, uptoSeq, Buffer.from(snapshot));
			// A block reaching past uptoSeq stays whole (what it holds before is in the snapshot too).
			statement(this.db, 'DELETE FROM doc_updates WHERE room_id = ? AND doc = ? AND seq <= ?').run(
				roomId,
				doc,
				uptoSeq
			);
		})();
	}
}
