import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { addNote } from '../../src/lib/board';
import { connect, synced, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();

const DAY = 24 * 60 * 60 * 1000;

// Which rooms retention erases, and when (several checks, never on one clock reading), is in
// retention-startup.test.ts with an injected clock.

it('counts writes as activity', async () => {
	const room = t.server.app.rooms.create({ title: 'Actief', workshop: 'w' });
	t.server.app.db.prepare('UPDATE rooms SET last_active_at = 0 WHERE id = ?').run(room.id);
	const client = connect(t.server.url, room.id, 'board', room.facilitatorKey);
	await synced(client);
	addNote(client.doc, testNote('a'));
	await until(() => (t.server.app.rooms.get(room.id)?.lastActiveAt ?? 0) > Date.now() - DAY);
	expect(t.server.app.expireRooms()).toBe(0);
	client.destroy();
});

it('takes a consistent backup while the server runs', async () => {
	const room = t.server.app.rooms.create({ title: 'Bewaard', workshop: 'w' });
	const client = connect(t.server.url, room.id, 'board', room.facilitatorKey);
	await synced(client);
	addNote(client.doc, testNote('a', { text: 'bewaard' }));
	const target = path.join(t.dataDir, 'copy.sqlite');
	const output = execFileSync(process.execPath, ['scripts/backup.js', target], {
		env: { ...process.env, DATA_DIR: t.dataDir }
	}).toString();
	expect(output).toMatch(/integrity ok/);
	const copy = new Database(target, { readonly: true });
	expect(copy.prepare('SELECT title FROM rooms').all()).toEqual([{ title: 'Bewaard' }]);
	expect(
		(copy.prepare('SELECT COUNT(*) AS n FROM doc_updates').get() as { n: number }).n
	).toBeGreaterThan(0);
	copy.close();
	client.destroy();
});
