// The Yjs update logs in PostgreSQL, shared by every instance. Appends and compaction go through
// a pool (asynchronous: the sync server broadcasts an update once its INSERT has committed);
// loading a document, which must happen before anyone syncs, goes through the synchronous
// connection. Instances learn of each other's appends through LISTEN/NOTIFY: a notification
// only says "room R, document D, number N"; what to apply is read from the log.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
	closesBlock,
	mergeRows,
	updatesIn,
	type DocStorage,
	type LogRow,
	type StoreEvents,
	type StoredDoc,
	type StoredSince
} from '../doc-store';
import type { Logger } from '../log';
import { CHANNEL_ERASED, CHANNEL_PRESENCE, CHANNEL_UPDATES } from './pg-schema';
import type { SyncPostgres } from './pg-sync';

/** PostgreSQL's limit on a notification's payload is 8000 bytes. */
const MAX_NOTIFY_BYTES = 7900;
const RECONNECT_MS = 1000;

type Row = { kind: number; seq: number; from_seq: number | null; data: Buffer };
type AppendQueue = {
	busy: boolean;
	waiting: { data: Buffer; resolve(seq: number): void; reject(error: unknown): void }[];
};

function bytes(data: Buffer): Uint8Array {
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class PgDocStore implements DocStorage {
	/** Tells this instance's own notifications from the others'. */
	readonly instance = randomBytes(8).toString('hex');
	private readonly inflight = new Set<Promise<unknown>>();
	/** Appends per document, one at a time (see append). */
	private readonly queues = new Map<string, AppendQueue>();
	private listener: pg.Client | null = null;
	private events: StoreEvents | null = null;
	private closed = false;
	private reconnectTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly sync: SyncPostgres,
		private readonly pool: pg.Pool,
		private readonly url: string,
		private readonly log: Logger
	) {}

	private track<T>(promise: Promise<T>): Promise<T> {
		this.inflight.add(promise);
		const done = () => this.inflight.delete(promise);
		promise.then(done, done);
		return promise;
	}

	clientWriters(roomId: string, doc: string): Map<number, string> {
		const { rows } = this.sync.query(
			'SELECT client_id, writer FROM doc_clients WHERE room_id = $1 AND doc = $2',
			[roomId, doc]
		);
		return new Map(rows.map((row) => [row.client_id as number, row.writer as string]));
	}

	bindClient(roomId: string, doc: string, clientId: number, writer: string): void {
		// Off the event loop's path: the claim is kept in memory at once (RoomDoc).
		this.track(
			this.pool.query(
				'INSERT INTO doc_clients (room_id, doc, client_id, writer) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
				[roomId, doc, clientId, writer]
			)
		).catch((error) =>
			this.log('warn', 'sync_claim_not_stored', { room: roomId, doc, message: String(error) })
		);
	}

	/** One statement, so one snapshot of the database: a compaction cannot fall in between. */
	load(roomId: string, doc: string): StoredDoc {
		const { rows } = this.sync.query(
			`SELECT 0 AS kind, upto_seq AS seq, NULL AS from_seq, data FROM doc_snapshots
			   WHERE room_id = $1 AND doc = $2
			 UNION ALL
			 SELECT 1 AS kind, seq, from_seq, data FROM doc_updates WHERE room_id = $1 AND doc = $2
			 ORDER BY kind, seq`,
			[roomId, doc]
		);
		let snapshot: Uint8Array | null = null;
		const updates: Uint8Array[] = [];
		let lastSeq = 0;
		let logged = 0;
		let size = 0;
		for (const row of rows as Row[]) {
			if (row.kind === 0) snapshot = bytes(row.data);
			else {
				updates.push(bytes(row.data));
				logged += updatesIn(row);
			}
			lastSeq = Math.max(lastSeq, row.seq);
			size += row.data.length;
		}
		return { snapshot, updates, logged, lastSeq, bytes: size };
	}

	/**
	 * Appends in the order called, per document: the updates called for while the previous
	 * append of the document commits go together in the next one. (Sent side by side over the
	 * pool, two appends could take their numbers in the other order, and an instance reading the
	 * log would meet an update before the one it builds on.)
	 */
	append(roomId: string, doc: string, _seq: number, update: Uint8Array): Promise<number> {
		const key = `${roomId}/${doc}`;
		let queue = this.queues.get(key);
		if (!queue) {
			queue = { busy: false, waiting: [] };
			this.queues.set(key, queue);
		}
		const entry = {
			data: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
			resolve: (_seq: number) => {},
			reject: (_error: unknown) => {}
		};
		const stored = new Promise<number>((resolve, reject) => {
			entry.resolve = resolve;
			entry.reject = reject;
		});
		queue.waiting.push(entry);
		if (!queue.busy) void this.flush(key, roomId, doc, queue);
		return this.track(stored);
	}

	private async flush(key: string, roomId: string, doc: string, queue: AppendQueue): Promise<void> {
		queue.busy = true;
		while (queue.waiting.length > 0) {
			const batch = queue.waiting.splice(0);
			try {
				const result = await this.pool.query('SELECT vwp_append($1, $2, $3, $4) AS seq', [
					this.instance,
					roomId,
					doc,
					batch.map((entry) => entry.data)
				]);
				const first = Number(result.rows[0].seq);
				batch.forEach((entry, i) => entry.resolve(first + i));
				this.mergeAfter(roomId, doc, first, first + batch.length - 1);
			} catch (error) {
				// What was to follow would be stored without what it builds on: refused as well (the
				// room is dropped from memory, and its clients send all of it again).
				for (const entry of [...batch, ...queue.waiting.splice(0)]) entry.reject(error);
			}
		}
		queue.busy = false;
		this.queues.delete(key);
	}

	appendNow(roomId: string, doc: string, _seq: number, update: Uint8Array): void {
		const { rows } = this.sync.query('SELECT vwp_append($1, $2, $3, $4) AS seq', [
			this.instance,
			roomId,
			doc,
			[Buffer.from(update.buffer, update.byteOffset, update.byteLength)]
		]);
		const seq = Number(rows[0]!.seq);
		this.mergeAfter(roomId, doc, seq, seq);
	}

	/** Updates `first` to `last` are stored: when they close a block, it is merged (after). */
	private mergeAfter(roomId: string, doc: string, first: number, last: number): void {
		if (!closesBlock(first, last)) return;
		// After the callers' broadcasts, which wait on the append's promise.
		setImmediate(() => {
			if (this.closed) return;
			this.track(this.mergeBlock(roomId, doc, last)).catch((error) =>
				// The rows are as they were: single updates load as well, only slower.
				this.log('warn', 'store_merge_failed', { room: roomId, doc, message: String(error) })
			);
		});
	}

	/**
	 * Replaces the rows after the last block, up to `uptoSeq`, by one block. Merged outside the
	 * document's lock (appends do not wait on it); stored under it, only when the rows read are
	 * still there as read (another instance may have merged or compacted them meanwhile). One
	 * transaction: a crash before its end leaves the rows as they were.
	 */
	async mergeBlock(roomId: string, doc: string, uptoSeq: number): Promise<boolean> {
		const { rows } = await this.pool.query(
			`SELECT seq, from_seq, data FROM doc_updates
			 WHERE room_id = $1 AND doc = $2 AND seq <= $3 AND seq > COALESCE((SELECT MAX(seq)
			   FROM doc_updates WHERE room_id = $1 AND doc = $2 AND from_seq IS NOT NULL AND seq <= $3), 0)
			 ORDER BY seq`,
			[roomId, doc, uptoSeq]
		);
		const read = (rows as { seq: number; from_seq: number | null; data: Buffer }[]).map(
			(row): LogRow => ({ seq: row.seq, from_seq: row.from_seq, data: bytes(row.data) })
		);
		if (read.length < 2) return false;
		const block = mergeRows(read);
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			await client.query('SELECT vwp_doc_lock($1, $2)', [roomId, doc]);
			const deleted = await client.query(
				`DELETE FROM doc_updates WHERE room_id = $1 AND doc = $2 AND seq >= $3 AND seq <= $4
				 RETURNING seq, from_seq`,
				[roomId, doc, read[0]!.seq, block.seq]
			);
			const asRead = new Map(read.map((row) => [row.seq, row.from_seq]));
			const unchanged =
				deleted.rowCount === read.length &&
				deleted.rows.every((row) => asRead.get(row.seq) === row.from_seq && asRead.has(row.seq));
			if (!unchanged) {
				await client.query('ROLLBACK');
				return false;
			}
			await client.query(
				'INSERT INTO doc_updates (room_id, doc, seq, from_seq, data) VALUES ($1, $2, $3, $4, $5)',
				[roomId, doc, block.seq, block.fromSeq, Buffer.from(block.data)]
			);
			await client.query('COMMIT');
			return true;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			client.release();
		}
	}

	/** A block is numbered by its last update: one reaching past `seq` comes whole (what it holds
	 * up to `seq` as well, which Yjs applies again without effect). */
	async readSince(roomId: string, doc: string, seq: number): Promise<StoredSince> {
		const { rows } = await this.track(
			this.pool.query(
				`SELECT 0 AS kind, upto_seq AS seq, data FROM doc_snapshots
				   WHERE room_id = $1 AND doc = $2 AND upto_seq > $3
				 UNION ALL
				 SELECT 1 AS kind, seq, data FROM doc_updates WHERE room_id = $1 AND doc = $2 AND seq > $3
				 ORDER BY kind, seq`,
				[roomId, doc, seq]
			)
		);
		let snapshot: Uint8Array | null = null;
		const updates: Uint8Array[] = [];
		let lastSeq = seq;
		for (const row of rows as Row[]) {
			if (row.kind === 0) snapshot = bytes(row.data);
			else updates.push(bytes(row.data));
			lastSeq = Math.max(lastSeq, Number(row.seq));
		}
		return { snapshot, updates, lastSeq };
	}

	docNames(roomId: string, prefix: string): string[] {
		const { rows } = this.sync.query(
			`SELECT doc FROM doc_updates WHERE room_id = $1 AND left(doc, $2) = $3
			 UNION SELECT doc FROM doc_snapshots WHERE room_id = $1 AND left(doc, $2) = $3`,
			[roomId, prefix.length, prefix]
		);
		return rows.map((row) => row.doc as string).sort();
	}

	/**
	 * Replaces the log up to `uptoSeq` by the snapshot, unless another instance already stored
	 * one that covers more (it holds everything ours does, up to its number).
	 */
	compact(roomId: string, doc: string, uptoSeq: number, snapshot: Uint8Array): Promise<void> {
		const run = async () => {
			const client = await this.pool.connect();
			try {
				await client.query('BEGIN');
				await client.query('SELECT vwp_doc_lock($1, $2)', [roomId, doc]);
				await client.query(
					`INSERT INTO doc_snapshots (room_id, doc, upto_seq, data) VALUES ($1, $2, $3, $4)
					 ON CONFLICT (room_id, doc) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data
					 WHERE doc_snapshots.upto_seq < excluded.upto_seq`,
					[roomId, doc, uptoSeq, Buffer.from(snapshot)]
				);
				await client.query(
					'DELETE FROM doc_updates WHERE room_id = $1 AND doc = $2 AND seq <= $3',
					[roomId, doc, uptoSeq]
				);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK').catch(() => {});
				throw error;
			} finally {
				client.release();
			}
		};
		return this.track(run());
	}

	/** Whether this instance hears the others now (LISTEN is in place). */
	get listening(): boolean {
		return this.listener !== null;
	}

	watch(events: StoreEvents): void {
		this.events = events;
		void this.listen();
	}

	private async listen(): Promise<void> {
		if (this.closed) return;
		const client = new pg.Client({
			connectionString: this.url,
			application_name: 'visiewerkplaats-listen'
		});
		const retry = (error: unknown) => {
			if (this.listener === client) this.listener = null;
			client.removeAllListeners();
			client.on('error', () => {});
			void client.end().catch(() => {});
			if (this.closed || this.reconnectTimer) return;
			this.log('warn', 'store_listen_lost', { message: String(error) });
			this.reconnectTimer = setTimeout(() => {
				this.reconnectTimer = null;
				void this.listen();
			}, RECONNECT_MS);
			this.reconnectTimer.unref();
		};
		client.on('error', retry);
		client.on('end', () => retry('connection ended'));
		client.on('notification', (message) => this.notified(message.channel, message.payload ?? ''));
		try {
			await client.connect();
			await client.query(
				`LISTEN ${CHANNEL_UPDATES}; LISTEN ${CHANNEL_PRESENCE}; LISTEN ${CHANNEL_ERASED}`
			);
		} catch (error) {
			retry(error);
			return;
		}
		if (this.closed) {
			void client.end().catch(() => {});
			return;
		}
		this.listener = client;
		// Whatever was appended while nobody listened (or before the first LISTEN) is read now.
		this.events?.resync();
	}

	private notified(channel: string, payload: string): void {
		const events = this.events;
		if (!events) return;
		const [instance, roomId, doc, value] = payload.split(' ');
		if (instance === this.instance || !roomId) return;
		try {
			if (channel === CHANNEL_UPDATES && doc && value) events.appended(roomId, doc, Number(value));
			else if (channel === CHANNEL_PRESENCE && doc && value)
				events.presence(roomId, doc, new Uint8Array(Buffer.from(value, 'base64')));
			else if (channel === CHANNEL_ERASED) events.erased(roomId);
		} catch (error) {
			this.log('error', 'store_notification_failed', { channel, message: String(error) });
		}
	}

	private notify(channel: string, payload: string): void {
		this.track(this.pool.query('SELECT pg_notify($1, $2)', [channel, payload])).catch((error) =>
			this.log('warn', 'store_notify_failed', { channel, message: String(error) })
		);
	}

	publishPresence(roomId: string, doc: string, update: Uint8Array): void {
		const payload = `${this.instance} ${roomId} ${doc} ${Buffer.from(update).toString('base64')}`;
		// Too large for one notification (hundreds of people changed at once): the others see
		// these people at their next renewal (every 15 seconds) instead.
		if (payload.length > MAX_NOTIFY_BYTES) return;
		this.notify(CHANNEL_PRESENCE, payload);
	}

	publishErased(roomId: string): void {
		this.notify(CHANNEL_ERASED, `${this.instance} ${roomId}`);
	}

	/** Waits for every write under way, then closes the connections. */
	async close(): Promise<void> {
		this.closed = true;
		if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
		while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
		const listener = this.listener;
		this.listener = null;
		if (listener) {
			listener.removeAllListeners();
			listener.on('error', () => {});
			await listener.end().catch(() => {});
		}
		await this.pool.end();
	}
}
