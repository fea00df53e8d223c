#!/usr/bin/env node
// `npm run backup [-- target.sqlite]`: a consistent copy of the database while the server runs,
// with SQLite's online backup (with DATABASE_URL set: pg_dump, scripts/backup-postgres.js). Restore: stop the server, replace DATA_DIR/visiewerkplaats.sqlite
// with the copy (and remove any -wal and -shm files beside it), start again.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

if (process.env.DATABASE_URL) {
	// Several instances on PostgreSQL: pg_dump (scripts/backup-postgres.js).
	const { backupPostgres } = await import('./backup-postgres.js');
	process.exit(backupPostgres(process.env.DATABASE_URL, process.argv[2]));
}

const dataDir = path.resolve(process.env.DATA_DIR || './data');
const source = path.join(dataDir, 'visiewerkplaats.sqlite');
if (!fs.existsSync(source)) {
	console.error(`No database at ${source}: set DATA_DIR to the folder the server uses.`);
	process.exit(1);
}
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const target = path.resolve(
	process.argv[2] || path.join(dataDir, 'backups', `visiewerkplaats-${stamp}.sqlite`)
);
fs.mkdirSync(path.dirname(target), { recursive: true });

const db = new Database(source, { readonly: true, fileMustExist: true });
await db.backup(target);
db.close();
const copy = new Database(target, { readonly: true });
const { rooms } = copy.prepare('SELECT COUNT(*) AS rooms FROM rooms').get();
const check = copy.pragma('integrity_check', { simple: true });
copy.close();
if (check !== 'ok') {
	console.error(`The copy at ${target} failed SQLite's integrity check: ${check}`);
	process.exit(1);
}
console.log(`Backup written to ${target} (${rooms} rooms, integrity ok).`);
