// Scenario 5: cold load of a room document with 20,000 stored updates (a whole workshop's board
// that was never compacted), how long compaction takes, and the load after compaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { addNote, editNote, notesFromYdoc } from '../src/lib/board';
import { migrate } from '../src/lib/board/schema';
import { createApp } from '../src/lib/server/app';
import { loadConfig } from '../src/lib/server/config';
import { silentLogger } from '../src/lib/server/log';
import { RoomDoc } from '../src/lib/server/sync/room-doc';
import { median } from './lib/clients';
import type { Row } from './lib/rows';

const UPDATES = 20_000;

/** 20,000 updates as clients make them: a note added, then three edits, over and over. */
function workshopUpdates(): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	migrate(doc); // the board's schema, stored first as the server would have
	for (let i = 0; updates.length < UPDATES; i++) {
		const id = `n${Math.floor(i / 4)}`;
		const text = `Bijdrage ${i}: een buurt waar mensen elkaar kennen en helpen.`;
		if (i % 4 === 0)
			addNote(doc, {
				id,
				step: 'brainstorm',
				text,
				author: `p${i % 30}`,
				authorName: '',
				created: i
			});
		else editNote(doc, id, text);
	}
	return updates.slice(0, UPDATES);
}

/** Wall time of `work` in ms; its CPU time goes to `cpu` (on a loaded machine, wall time is not). */
function timed(work: () => void, cpu: number[] = []): number {
	const start = performance.now();
	const before = process.cpuUsage();
	work();
	const used = process.cpuUsage(before);
	cpu.push((used.user + used.system) / 1000);
	return performance.now() - start;
}

export async function run(quick = false) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-bench-'));
	const app = createApp(loadConfig({ DATA_DIR: dataDir, RETENTION_DAYS: '0' }), silentLogger);
	try {
		const room = app.rooms.create({
			title: 'Cold load',
			workshop: 'visievorming-zorgzame-buurten'
		});
		const updates = workshopUpdates();
		app.db.transaction(() => {
			updates.forEach((update, i) => app.store.append(room.id, 'board', i + 1, update));
		})();
		const open = () =>
			new RoomDoc({
				roomId: room.id,
				name: 'board',
				store: app.store,
				log: silentLogger,
				compactAfterUpdates: Number.MAX_SAFE_INTEGER,
				onStorageFailure: () => {},
				onActivity: () => {}
			});
		const runs = quick ? 3 : 7;
		const loads: number[] = [];
		const loadsCpu: number[] = [];
		let notes = 0;
		for (let i = 0; i < runs; i++) {
			let doc: RoomDoc | undefined;
			loads.push(timed(() => (doc = open()), loadsCpu));
			notes = notesFromYdoc(doc!.doc).length;
			doc!.destroy({ save: false });
		}
		if (notes < UPDATES / 4 - 1) throw new Error(`cold load gave ${notes} notes`);
		const doc = open();
		const compaction = timed(() => doc.compact());
		doc.destroy({ save: false });
		const afterCompaction: number[] = [];
		const afterCompactionCpu: number[] = [];
		for (let i = 0; i < runs; i++) {
			afterCompaction.push(timed(() => open().destroy({ save: false }), afterCompactionCpu));
		}
		const rows: Row[] = [
			{
				scenario: '5',
				what: `cold load, ${UPDATES.toLocaleString('en')} stored updates (never compacted)`,
				value: median(loads),
				runs: loads,
				unit: 'ms',
				target: 100
			},
			{
				scenario: '5',
				what: 'compaction of those updates into one snapshot',
				value: compaction,
				unit: 'ms',
				target: null
			},
			{
				scenario: '5',
				what: '… CPU time of that load',
				value: median(loadsCpu),
				runs: loadsCpu,
				unit: 'ms',
				target: null
			},
			{
				scenario: '5',
				what: 'cold load after compaction',
				value: median(afterCompaction),
				runs: afterCompaction,
				unit: 'ms',
				target: 100
			},
			{
				scenario: '5',
				what: '… CPU time of that load',
				value: median(afterCompactionCpu),
				runs: afterCompactionCpu,
				unit: 'ms',
				target: null
			}
		];
		return { rows, details: { notes } };
	} finally {
		await app.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}
