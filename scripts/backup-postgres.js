// `npm run backup [-- target.dump]` with DATABASE_URL=postgres://…: a consistent copy of the
// PostgreSQL database while the instances run, with pg_dump (one snapshot of the whole database),
// checked by reading its table of contents back. Restore (docs/DEPLOYMENT.md): stop the
// instances, `pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" file.dump`, start them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function backupPostgres(url, target) {
	const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	const dataDir = path.resolve(process.env.DATA_DIR || './data');
	const file = path.resolve(
		target || path.join(dataDir, 'backups', `visiewerkplaats-${stamp}.dump`)
	);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, url], {
		encoding: 'utf8'
	});
	if (dump.error || dump.status !== 0) {
		const why = dump.error ? dump.error.message : dump.stderr.trim();
		console.error(`pg_dump failed: ${why} (install postgresql-client of the server's version)`);
		return 1;
	}
	const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
	if (list.status !== 0 || !/TABLE DATA \S+ rooms /.test(list.stdout)) {
		console.error(`The copy at ${file} cannot be read back by pg_restore: ${list.stderr.trim()}`);
		return 1;
	}
	console.log(
		`Backup written to ${file} (${fs.statSync(file).size} bytes, readable by pg_restore).`
	);
	return 0;
}
