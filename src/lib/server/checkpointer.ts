import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DB } from './db';
import type { Logger } from './log';

export type CheckpointResult = { busy: number; log: number; checkpointed: number };

export type Checkpointer = {
	/** Resolves with the outcome of the next checkpoint (for tests and tools). */
	next(): Promise<CheckpointResult>;
	stop(): Promise<void>;
};

// The worker's own connection copies the write-ahead log into the database file and fsyncs it,
// so the event loop that serves every room never waits for the disk. PASSIVE never blocks the
// main connection's writes.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const run = () => {
	try {
		const [row] = db.pragma('wal_checkpoint(PASSIVE)');
		parentPort.postMessage({ ok: true, result: row });
	} catch (error) {
		parentPort.postMessage({ ok: false, message: String(error && error.message || error) });
	}
};
setInterval(run, workerData.intervalMs);
parentPort.on('message', (message) => {
	if (message === 'stop') { db.close(); process.exit(0); }
});
`;

type Waiter = { resolve(result: CheckpointResult): void; reject(error: Error): void };

/**
 * Takes checkpoints off the main thread: the main connection stops checkpointing itself while
 * the worker runs, and takes it up again if the worker fails.
 */
export function startCheckpointer(
	db: DB,
	file: string,
	intervalMs: number,
	log: Logger
): Checkpointer {
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		// The worker's source is CommonJS whatever flags started this process (--input-type).
		execArgv: [],
		workerData: { file, driver, intervalMs }
	});
	worker.unref();
	db.pragma('wal_autocheckpoint = 0');
	let waiting: Waiter[] = [];
	let failure: Error | null = null;
	let stopped = false;
	const settle = (outcome: { result: CheckpointResult } | { error: Error }) => {
		const ready = waiting;
		waiting = [];
		if (!stopped) worker.unref();
		for (const waiter of ready) {
			if ('result' in outcome) waiter.resolve(outcome.result);
			else waiter.reject(outcome.error);
		}
	};
	const fallBack = (message: string) => {
		if (stopped || failure) return;
		failure = new Error(`checkpoint worker failed: ${message}`);
		log('error', 'checkpoint_worker_failed', { message });
		if (db.open) db.pragma('wal_autocheckpoint = 1000');
		settle({ error: failure });
	};
	worker.on('message', (message: { ok: boolean; result?: CheckpointResult; message?: string }) => {
		if (message.ok) settle({ result: message.result! });
		else log('warn', 'checkpoint_failed', { message: message.message ?? '' });
	});
	worker.on('error', (error) => fallBack(error.message));
	worker.on('exit', (code) => {
		if (code !== 0) fallBack(`exit code ${code}`);
	});
	return {
		next() {
			if (failure) return Promise.reject(failure);
			// Referenced while someone waits: the wait itself keeps the process alive.
			worker.ref();
			return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
		},
		async stop() {
			if (stopped || failure) return;
			stopped = true;
			const exited = new Promise((resolve) => worker.once('exit', resolve));
			// Unreferenced, the worker would let a process with nothing else to do end before the
			// worker closed its connection (exit code 13: an await left unfinished).
			worker.ref();
			worker.postMessage('stop');
			await exited;
		}
	};
}
