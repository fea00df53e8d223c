// A synchronous PostgreSQL connection, shaped like the part of better-sqlite3 the repositories
// use (prepare → get/all/run, transaction, exec), so that rooms.ts and workspaces.ts run
// unchanged on either store. Only the small, rare queries take this path (a key checked at the
// upgrade, a join, a room created, a document loaded); every update of a live document goes the
// asynchronous way (pg-doc-store.ts), so the event loop never waits on PostgreSQL for those.
//
// How: a worker thread owns a `pg` client; the main thread posts a query and blocks on a shared
// flag (Atomics.wait) until the worker has posted the answer, which it then takes with
// receiveMessageOnPort. One query at a time, so a transaction is simply BEGIN … COMMIT.
import { createRequire } from 'node:module';
import {
	MessageChannel,
	receiveMessageOnPort,
	Worker,
	type MessagePort
} from 'node:worker_threads';

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pg);
const { signal, port, url, statementTimeoutMs } = workerData;
pg.types.setTypeParser(20, (value) => Number(value));
let client = null;
async function connection() {
	if (client) return client;
	const fresh = new pg.Client({ connectionString: url, application_name: 'visiewerkplaats' });
	fresh.on('error', () => { if (client === fresh) client = null; });
	await fresh.connect();
	await fresh.query('SET statement_timeout = ' + Number(statementTimeoutMs));
	client = fresh;
	return client;
}
const toBuffer = (value) =>
	Array.isArray(value) ? value.map(toBuffer)
	: value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
port.on('message', async ({ id, sql, params }) => {
	let reply;
	try {
		const db = await connection();
		const result = params ? await db.query(sql, params.map(toBuffer)) : await db.query(sql);
		const last = Array.isArray(result) ? result[result.length - 1] : result;
		reply = { id, rows: (last && last.rows) || [], rowCount: (last && last.rowCount) || 0 };
	} catch (error) {
		if (error && !error.code && client) { try { client.end(); } catch {} client = null; }
		reply = { id, error: { message: String((error && error.message) || error), code: error && error.code } };
	}
	port.postMessage(reply);
	Atomics.store(signal, 0, 1);
	Atomics.notify(signal, 0);
});
`;

export type SyncResult = { rows: Record<string, unknown>[]; rowCount: number };

/** A PostgreSQL error, its message prefixed the way SQLite's are where callers test for them. */
export class PgError extends Error {
	constructor(
		message: string,
		readonly code: string | undefined
	) {
		super(message);
		this.name = 'PgError';
	}
}

const SQLITE_WORDING: Record<string, string> = {
	'23505': 'UNIQUE constraint failed',
	'23503': 'FOREIGN KEY constraint failed'
};

/** `?` placeholders to `$1 …`, and SQLite's INSERT OR IGNORE to PostgreSQL's ON CONFLICT. */
export function toPostgres(sql: string): string {
	let n = 0;
	let out = sql.replace(/\?/g, () => `$${++n}`);
	if (/^\s*INSERT OR IGNORE /i.test(out)) {
		out = out.replace(/^\s*INSERT OR IGNORE /i, 'INSERT ') + ' ON CONFLICT DO NOTHING';
	}
	return out;
}

/** Rows as better-sqlite3 gives them: binary columns as Buffers (a worker hands Uint8Arrays). */
function toBuffers(row: Record<string, unknown>): Record<string, unknown> {
	for (const [key, value] of Object.entries(row)) {
		if (value instanceof Uint8Array && !Buffer.isBuffer(value))
			row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
	}
	return row;
}

export class SyncPostgres {
	private readonly worker: Worker;
	private readonly port: MessagePort;
	private readonly signal = new Int32Array(new SharedArrayBuffer(4));
	private nextId = 1;
	private depth = 0;
	open = true;

	constructor(
		url: string,
		private readonly timeoutMs = 10_000
	) {
		const { port1, port2 } = new MessageChannel();
		this.port = port1;
		this.worker = new Worker(WORKER_SOURCE, {
			eval: true,
			execArgv: [],
			workerData: {
				pg: createRequire(import.meta.url).resolve('pg'),
				signal: this.signal,
				port: port2,
				url,
				statementTimeoutMs: timeoutMs
			},
			transferList: [port2]
		});
		this.worker.unref();
		this.port.unref();
	}

	/** Runs one statement (or, without params, several separated by `;`) and waits for it. */
	query(sql: string, params?: unknown[]): SyncResult {
		if (!this.open) throw new PgError('the database connection is closed', undefined);
		const id = this.nextId++;
		Atomics.store(this.signal, 0, 0);
		this.port.postMessage({ id, sql, params });
		const deadline = performance.now() + this.timeoutMs + 1000;
		for (;;) {
			const received = receiveMessageOnPort(this.port);
			if (received) {
				const reply = received.message as {
					id: number;
					rows?: Record<string, unknown>[];
					rowCount?: number;
					error?: { message: string; code?: string };
				};
				if (reply.id !== id) continue; // the late answer to a query that timed out
				if (reply.error) {
					const prefix = reply.error.code ? SQLITE_WORDING[reply.error.code] : undefined;
					const message = prefix ? `${prefix}: ${reply.error.message}` : reply.error.message;
					throw new PgError(message, reply.error.code);
				}
				return { rows: (reply.rows ?? []).map(toBuffers), rowCount: reply.rowCount ?? 0 };
			}
			const left = deadline - performance.now();
			if (left <= 0 || Atomics.wait(this.signal, 0, 0, left) === 'timed-out') {
				if (receiveMessageOnPort(this.port)) continue;
				throw new PgError(`PostgreSQL did not answer within ${this.timeoutMs} ms`, undefined);
			}
			Atomics.store(this.signal, 0, 0);
		}
	}

	// The better-sqlite3 shape the repositories use.

	prepare(sql: string) {
		const text = toPostgres(sql);
		return {
			get: (...params: unknown[]) => this.query(text, params).rows[0],
			all: (...params: unknown[]) => this.query(text, params).rows,
			run: (...params: unknown[]) => ({
				changes: this.query(text, params).rowCount,
				lastInsertRowid: 0
			})
		};
	}

	exec(sql: string): void {
		this.query(sql);
	}

	/** Like better-sqlite3: returns a function that runs `fn` in a transaction (nested: a savepoint). */
	transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
		return (...args: A) => {
			const depth = this.depth;
			this.query(depth === 0 ? 'BEGIN' : `SAVEPOINT s${depth}`);
			this.depth++;
			try {
				const result = fn(...args);
				this.query(depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT s${depth}`);
				return result;
			} catch (error) {
				try {
					this.query(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT s${depth}`);
				} catch {
					// The connection is gone: so is the transaction.
				}
				throw error;
			} finally {
				this.depth = depth;
			}
		};
	}

	/** SQLite settings (wal_checkpoint after an erasure …) mean nothing here. */
	pragma(): undefined {
		return undefined;
	}

	close(): void {
		if (!this.open) return;
		this.open = false;
		void this.worker.terminate();
		this.port.close();
	}
}
