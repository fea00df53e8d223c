// Start-up and retention must not trust what they cannot check: an empty database file, or
// one reading of a clock that may be months wrong. Real SQLite files; the clock is injected.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/lib/server/app';
import { loadConfig } from '../../src/lib/server/config';
import type { Logger } from '../../src/lib/server/log';
import { tempDataDir } from '../helpers/server';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let app: App | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

describe('start-up', () => {
	it('refuses an empty database file, naming it and saying what to do, and leaves it alone', () => {
		const dataDir = tempDataDir();
		const file = path.join(dataDir, 'visiewerkplaats.sqlite');
		fs.writeFileSync(file, '');
		expect(() => createApp(loadConfig({ DATA_DIR: dataDir }), () => {})).toThrow(
			new RegExp(
				`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is empty.*Restore the backup.*delete the empty file`
			)
		);
		expect(fs.statSync(file).size).toBe(0);
	});

	it('creates a new database where there is none', async () => {
		const dataDir = tempDataDir();
		app = createApp(loadConfig({ DATA_DIR: dataDir }), () => {});
		expect(fs.statSync(path.join(dataDir, 'visiewerkplaats.sqlite')).size).toBeGreaterThan(0);
	});
});

describe('retention', () => {
	let wall = 0;
	let mono = 0;
	const events: { event: string; fields: Record<string, unknown> }[] = [];
	const log: Logger = (_level, event, fields = {}) => events.push({ event, fields });

	/** Rooms written with the right clock, then the app started again with `wall` as its clock. */
	async function seed(
		ages: Record<string, number>
	): Promise<{ dataDir: string; ids: Record<string, string> }> {
		const dataDir = tempDataDir();
		const writer = createApp(loadConfig({ DATA_DIR: dataDir }), () => {});
		const ids: Record<string, string> = {};
		const now = Date.UTC(2026, 10, 3);
		for (const [title, ageDays] of Object.entries(ages)) {
			const room = writer.rooms.create({ title, workshop: 'w' });
			writer.db
				.prepare('UPDATE rooms SET last_active_at = ? WHERE id = ?')
				.run(now - ageDays * DAY, room.id);
			ids[title] = room.id;
		}
		await writer.close();
		wall = now;
		mono = 1000;
		events.length = 0;
		return { dataDir, ids };
	}

	function open(dataDir: string): App {
		return createApp(loadConfig({ DATA_DIR: dataDir, RETENTION_DAYS: '180' }), log, {
			clock: { now: () => wall, monotonic: () => mono }
		});
	}

	const remaining = (a: App) =>
		(a.db.prepare('SELECT title FROM rooms ORDER BY title').all() as { title: string }[]).map(
			(row) => row.title
		);

	/** Time passes on both clocks, and the hourly check runs. */
	function hours(a: App, count: number): number {
		let erased = 0;
		for (let i = 0; i < count; i++) {
			wall += HOUR;
			mono += HOUR;
			erased += a.expireRooms();
		}
		return erased;
	}

	it('erases a room only after several checks over hours saw it expired', async () => {
		const { dataDir } = await seed({ oud: 181, recent: 2 });
		app = open(dataDir); // the start-up check sees "oud" expired once
		expect(remaining(app)).toEqual(['oud', 'recent']);
		expect(hours(app, 5)).toBe(0);
		expect(hours(app, 1)).toBe(1);
		expect(remaining(app)).toEqual(['recent']);
		expect(events.map((e) => e.event)).toContain('room_expired');
	});

	it('erases nothing when a clock 181 days ahead makes every room look expired at start', async () => {
		const { dataDir } = await seed({ a: 0, b: 3, c: 40 });
		wall += 181 * DAY;
		app = open(dataDir);
		expect(hours(app, 48)).toBe(0);
		expect(remaining(app)).toEqual(['a', 'b', 'c']);
		expect(events.find((e) => e.event === 'retention_held')?.fields).toMatchObject({ rooms: 3 });
		// Someone uses a room with the wrong clock: the others still stay until a week after the
		// first warning (two days have gone by).
		app.rooms.touch(app.rooms.inactiveSince(wall)[0]!);
		expect(hours(app, 5 * 24 - 1)).toBe(0);
		expect(remaining(app)).toEqual(['a', 'b', 'c']);
	});

	it('holds erasure for a week when the clock jumps while the server runs, though a room is used after the jump', async () => {
		const { dataDir } = await seed({ a: 1, b: 3 });
		app = open(dataDir);
		hours(app, 2);
		wall += 181 * DAY; // the jump
		const fresh = app.rooms.create({ title: 'na de sprong', workshop: 'w' }); // used with the wrong clock
		expect(fresh).toBeTruthy();
		expect(app.expireRooms()).toBe(0);
		expect(events.some((e) => e.event === 'retention_clock_jump')).toBe(true);
		// The wrong clock stays wrong: nothing goes for a week (time to notice the warnings)…
		expect(hours(app, 7 * 24 - 1)).toBe(0);
		expect(remaining(app)).toEqual(['a', 'b', 'na de sprong']);
		// …after which the rooms the clock calls expired go, seen expired over hours again.
		expect(hours(app, 8)).toBe(2);
		expect(remaining(app)).toEqual(['na de sprong']);
	});

	it('keeps every room with RETENTION_DAYS=0', async () => {
		const { dataDir } = await seed({ oud: 1000, recent: 1 });
		app = createApp(loadConfig({ DATA_DIR: dataDir, RETENTION_DAYS: '0' }), log, {
			clock: { now: () => wall, monotonic: () => mono }
		});
		expect(hours(app, 24)).toBe(0);
		expect(remaining(app)).toEqual(['oud', 'recent']);
	});
});
