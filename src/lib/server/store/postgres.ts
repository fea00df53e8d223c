// PostgreSQL as the store (DATABASE_URL=postgres://…): several instances share it, and any
// instance serves any room. SQLite (db.ts) stays the default for one machine.
import pg from 'pg';
import type { Logger } from '../log';
import { PgDocStore } from './pg-doc-store';
import { PG_FUNCTIONS, PG_MIGRATIONS } from './pg-schema';
import { SyncPostgres } from './pg-sync';

export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//.test(url);
}

// Numbers above 2^53 never occur here (times in ms, log numbers, counts): BIGINT as a number.
pg.types.setTypeParser(20, (value) => Number(value));

/** Any fixed number: every instance takes this lock while it migrates. */
const MIGRATION_LOCK = 4_242_001;

/** Runs the migrations a database lacks, one transaction each, with every instance waiting its turn. */
export function migratePostgres(
	db: SyncPostgres,
	migrations: readonly string[] = PG_MIGRATIONS
): number {
	db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
	try {
		db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
		const row = db.query('SELECT MAX(version) AS version FROM schema_version').rows[0];
		const current = Number(row?.version ?? 0);
		if (current > migrations.length) {
			throw new Error(
				`database schema version ${current} is newer than this program knows (${migrations.length}); upgrade Visiewerkplaats`
			);
		}
		for (let version = current + 1; version <= migrations.length; version++) {
			db.transaction(() => {
				db.exec(migrations[version - 1]!);
				db.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
			})();
		}
		db.exec(PG_FUNCTIONS);
		return migrations.length;
	} finally {
		db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
	}
}

export type Postgres = { db: SyncPostgres; store: PgDocStore; close(): Promise<void> };

export function openPostgres(url: string, log: Logger): Postgres {
	const db = new SyncPostgres(url);
	try {
		migratePostgres(db);
	} catch (error) {
		db.close();
		throw error;
	}
	const pool = new pg.Pool({
		connectionString: url,
		application_name: 'visiewerkplaats',
		max: 10
	});
	// A connection lost while idle: the pool replaces it; a query under way fails and is retried
	// by its caller (an update not stored closes its writer's connection, which sends it again).
	pool.on('error', (error) => log('warn', 'store_connection_lost', { message: error.message }));
	const store = new PgDocStore(db, pool, url, log);
	return {
		db,
		store,
		async close() {
			await store.close();
			db.close();
		}
	};
}
