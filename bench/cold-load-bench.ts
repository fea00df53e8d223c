// Scenario 5: cold load of a room document with 20,000 stored updates, kept as the server keeps
// them (a snapshot and the log since), how long compaction takes, and, the headline, the log
// never compacted (in the blocks the store merges it into as it is written, doc-store.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { addNote, editNote, notesFromYdoc } from '../src/lib/board';
import { migrate } from '../src/lib/board/schema';
import { createApp } from '../src/lib/server/app';
import { loadConfig } from '../src/lib/server/config';
import { MERGE_EVERY } from '../src/lib/server/doc-store';
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

/** How the server keeps a room: compacted every COMPACT_AFTER updates; the tail since then. */
const COMPACT_AFTER = loadConfig({}).limits.compactAfterUpdates;

export async function run(quick = false) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-bench-'));
	const app = createApp(loadConfig({ DATA_DIR: dataDir, RETENTION_DAYS: '0' }), silentLogger);
	const newRoom = () =>
		app.rooms.create({ title: 'Cold load', workshop: 'visievorming-zorgzame-buurten' }).id;
	const store = (roomId: string, updates: Uint8Array[], firstSeq = 1) =>
		app.db.transaction(() => {
			updates.forEach((update, i) => app.store.append(roomId, 'board', firstSeq + i, update));
		})();
	/**
	 * The server's event loop turns after the appends: the store merges the log into blocks of
	 * MERGE_EVERY updates then, as it does after every append that closes a block. Wall time of
	 * that turn, for information.
	 */
	const afterAppends = async () => {
		const start = performance.now();
		await new Promise((resolve) => setImmediate(resolve));
		return performance.now() - start;
	};
	const open = (roomId: string) =>
		new RoomDoc({
			roomId,
			name: 'board',
			store: app.store,
			log: silentLogger,
			compactAfterUpdates: Number.MAX_SAFE_INTEGER,
			onStorageFailure: () => {},
			onActivity: () => {}
		});
	/** Median wall and CPU time of opening the room, after checking that it holds every note. */
	const measureLoads = (roomId: string, runs: number) => {
		const wall: number[] = [];
		const cpu: number[] = [];
		for (let i = 0; i < runs; i++) {
			let doc: RoomDoc | undefined;
			wall.push(timed(() => (doc = open(roomId)), cpu));
			const notes = notesFromYdoc(doc!.doc).length;
			doc!.destroy({ save: false });
			if (notes !== UPDATES / 4) throw new Error(`cold load gave ${notes} notes`);
		}
		return { wall, cpu };
	};
	try {
		const updates = workshopUpdates();
		const runs = quick ? 3 : 7;

		// As the server stores it: everything but the last COMPACT_AFTER updates in one snapshot,
		// those still in the log (the longest tail there can be before the next compaction).
		const stored = newRoom();
		const head = updates.length - COMPACT_AFTER;
		store(stored, updates.slice(0, head));
		await afterAppends();
		const compacting = open(stored);
		const compaction = timed(() => compacting.compact());
		compacting.destroy({ save: false });
		store(stored, updates.slice(head), head + 1);
		await afterAppends();
		const asStored = measureLoads(stored, runs);

		// The whole log uncompacted.
		const raw = newRoom();
		store(raw, updates);
		const merging = await afterAppends();
		const neverCompacted = measureLoads(raw, runs);

		const row = (what: string, runs: number[], target: number | null): Row => ({
			scenario: '5',
			what,
			value: median(runs),
			runs,
			unit: 'ms',
			target
		});
		// The headline is the log never compacted: what a room holds when compaction did not run
		// (it runs every COMPACT_AFTER updates and when a room leaves memory, so a crash alone
		// leaves at most that many after the last snapshot; a failing compaction, e.g. a full disk,
		// leaves the whole log). The room as the server normally keeps it is for information.
		const rows: Row[] = [
			row(
				`**cold load, ${UPDATES.toLocaleString('en')} updates never compacted**`,
				neverCompacted.wall,
				100
			),
			row('… CPU time of that load', neverCompacted.cpu, null),
			row(
				`… merging those appends into blocks of ${MERGE_EVERY}, per block (after each block's last append)`,
				[merging / (UPDATES / MERGE_EVERY)],
				null
			),
			row(
				`… then the compaction the server does on that first load (${head.toLocaleString('en')} updates)`,
				[compaction],
				null
			),
			row(
				`cold load, ${UPDATES.toLocaleString('en')} updates as the server keeps them (snapshot + last ${COMPACT_AFTER})`,
				asStored.wall,
				null
			),
			row('… CPU time of that load', asStored.cpu, null)
		];
		return { rows, details: { notes: UPDATES / 4, compactAfterUpdates: COMPACT_AFTER } };
	} finally {
		await app.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}
