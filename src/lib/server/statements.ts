import type { Statement } from 'better-sqlite3';
import type { DB } from './db';

const prepared = new WeakMap<DB, Map<string, Statement>>();

/**
 * The statement for `sql` on this connection, prepared the first time and kept: the key check
 * of every connection and the room lookups on the update path would otherwise compile their SQL
 * again on every call (seconds of a 10,000-connection profile, docs/PERFORMANCE.md).
 */
export function statement(db: DB, sql: string): Statement {
	let statements = prepared.get(db);
	if (!statements) prepared.set(db, (statements = new Map()));
	let found = statements.get(sql);
	if (!found) statements.set(sql, (found = db.prepare(sql)));
	return found;
}
