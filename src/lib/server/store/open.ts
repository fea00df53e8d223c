// Which store an instance uses: SQLite in DATA_DIR (the default, one machine), or PostgreSQL
// when DATABASE_URL is a postgres:// address (several instances behind a load balancer).
import { startCheckpointer, type Checkpointer } from '../checkpointer';
import type { Config } from '../config';
import { openDatabase, type DB } from '../db';
import { DocStore, type DocStorage } from '../doc-store';
import type { Logger } from '../log';
import { isPostgresUrl, openPostgres } from './postgres';

export type Storage = {
	/** SQLite, or PostgreSQL through a connection of the same shape (store/pg-sync.ts). */
	db: DB;
	checkpointer: Checkpointer;
	store: DocStorage;
	kind: 'sqlite' | 'postgres';
	close(): Promise<void>;
};

const CHECKPOINT_INTERVAL_MS = 1000;

export function openStorage(config: Config, log: Logger): Storage {
	const url = config.databaseUrl;
	if (url) {
		if (!isPostgresUrl(url))
			throw new Error(
				`DATABASE_URL must start with postgres:// or postgresql://, got "${url.split(':')[0]}:…"`
			);
		const pg = openPostgres(url, log);
		return {
			// The repositories (rooms.ts, workspaces.ts) use only what SyncPostgres has of this shape.
			db: pg.db as unknown as DB,
			// PostgreSQL checkpoints itself.
			checkpointer: {
				next: () => Promise.resolve({ busy: 0, log: 0, checkpointed: 0 }),
				stop: () => Promise.resolve()
			},
			store: pg.store,
			kind: 'postgres',
			close: () => pg.close()
		};
	}
	const db = openDatabase(config.databaseFile);
	const checkpointer = startCheckpointer(db, config.databaseFile, CHECKPOINT_INTERVAL_MS, log);
	return {
		db,
		checkpointer,
		store: new DocStore(db, log),
		kind: 'sqlite',
		async close() {
			await checkpointer.stop();
			db.close();
		}
	};
}
