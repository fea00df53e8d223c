import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addNote, notesFromYdoc } from '../../src/lib/board';
import { startCheckpointer } from '../../src/lib/server/checkpointer';
import { openDatabase } from '../../src/lib/server/db';
import { synced, tempDataDir, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();

describe('checkpoints', () => {
	it('copy the write-ahead log into the database file from a worker, not the main thread', async () => {
		const room = t.server.app.rooms.create({ title: 'Log', workshop: 'w' });
		expect(t.server.app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
		const writer = t.client(room.id, 'board', room.facilitatorKey);
		const reader = t.client(room.id, 'board', room.viewerKey);
		await Promise.all([synced(writer), synced(reader)]);
		for (let i = 0; i < 40; i++) addNote(writer.doc, testNote(`n${i}`));
		await until(() => notesFromYdoc(reader.doc).length === 40, 5000, 'the notes at the reader');
		const walBytes = fs.statSync(`${t.server.app.config.databaseFile}-wal`).size;
		expect(walBytes).toBeGreaterThan(0);
		const result = await t.server.app.checkpointer.next();
		expect(result.busy).toBe(0);
		expect(result.log).toBeGreaterThan(0);
		expect(result.checkpointed).toBe(result.log);
	});

	it('are taken up by the main connection again when the worker fails', async () => {
		const db = openDatabase(path.join(tempDataDir(), 'main.sqlite'));
		const logged: string[] = [];
		// The worker cannot open this file: it fails at once, as it would on a broken install.
		const checkpointer = startCheckpointer(db, '/nonexistent/folder/x.sqlite', 50, (_l, event) =>
			logged.push(event)
		);
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
		await expect(checkpointer.next()).rejects.toThrow(/checkpoint worker failed/);
		expect(logged).toContain('checkpoint_worker_failed');
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
		await checkpointer.stop();
		db.close();
	});

	it('let a process that only opened and closed the app end normally', () => {
		// A tool (backup, benchmark) that awaits app.close() and has nothing else to do: the
		// worker must not leave that await unfinished (Node's exit code 13).
		const script = `
			import { runnerImport } from 'vite';
			const { module } = await runnerImport('./src/lib/server/app.ts', { logLevel: 'error' });
			const app = module.createApp(undefined, () => {});
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await app.close();
			console.log('closed');
		`;
		const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
			env: { ...process.env, DATA_DIR: tempDataDir() },
			encoding: 'utf8',
			timeout: 30_000
		});
		expect(child.stdout.trim().split('\n').at(-1)).toBe('closed');
		expect(child.status).toBe(0);
	});
});
