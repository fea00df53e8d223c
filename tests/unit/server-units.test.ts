import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lib/server/config';
import Database from 'better-sqlite3';
import { migrateDatabase, MIGRATIONS, openDatabase } from '../../src/lib/server/db';
import {
	CODE_DIGITS,
	CODE_LETTERS,
	newJoinCode,
	newKey,
	newRoomId,
	normalizeJoinCode
} from '../../src/lib/server/keys';
import { RoomFullError, RoomRepository } from '../../src/lib/server/rooms';
import { TokenBucket } from '../../src/lib/server/sync/token-bucket';
import { FailureThrottle } from '../../src/lib/server/throttle';

describe('codes and keys', () => {
	it('makes join codes of three letters and three digits from unambiguous signs', () => {
		for (let i = 0; i < 500; i++) {
			const code = newJoinCode();
			expect(code).toMatch(/^[A-Z]{3}-[0-9]{3}$/);
			for (const sign of code.replace('-', '')) expect(CODE_LETTERS + CODE_DIGITS).toContain(sign);
		}
		expect(CODE_LETTERS).not.toMatch(/[ILOQ]/);
		expect(CODE_DIGITS).not.toMatch(/[01]/);
	});

	it('reads codes the way people type them', () => {
		expect(normalizeJoinCode('kdm 482')).toBe('KDM-482');
		expect(normalizeJoinCode(' KDM482 ')).toBe('KDM-482');
		expect(normalizeJoinCode('kdm-482')).toBe('KDM-482');
		expect(normalizeJoinCode('KDM-48')).toBeNull();
		expect(normalizeJoinCode('<script>')).toBeNull();
	});

	it('makes long random ids and keys', () => {
		expect(Buffer.from(newRoomId(), 'base64url')).toHaveLength(16);
		expect(Buffer.from(newKey(), 'base64url')).toHaveLength(32);
		expect(new Set(Array.from({ length: 100 }, newKey)).size).toBe(100);
	});
});

describe('database', () => {
	it('applies numbered migrations once and records the version', () => {
		const db = openDatabase(':memory:');
		expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
		expect(migrateDatabase(db)).toBe(MIGRATIONS.length);
		const tables = db
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
			.all();
		expect(tables.map((t) => (t as { name: string }).name)).toEqual([
			'doc_clients',
			'doc_snapshots',
			'doc_updates',
			'feedback_pages',
			'participants',
			'rooms',
			'workspace_keys',
			'workspaces'
		]);
	});

	it('brings a file of an older version up to date and keeps its rows', () => {
		const db = new Database(':memory:');
		migrateDatabase(db, MIGRATIONS.slice(0, 1));
		db.prepare("INSERT INTO rooms VALUES ('r', 'ABC-234', 'Oud', 'w', x'00', x'00', 1, 1)").run();
		expect(migrateDatabase(db)).toBe(MIGRATIONS.length);
		expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
		expect(db.prepare('SELECT title, variant FROM rooms').get()).toEqual({
			title: 'Oud',
			variant: ''
		});
	});

	it('refuses a file from a newer version', () => {
		const db = openDatabase(':memory:');
		db.pragma('user_version = 99');
		expect(() => migrateDatabase(db)).toThrow(/newer than this program/);
	});
});

describe('rooms', () => {
	it('creates rooms, gives roles by key, and stores only key hashes', () => {
		const db = openDatabase(':memory:');
		const rooms = new RoomRepository(db);
		const room = rooms.create({ title: 'Buurt', workshop: 'w' });
		const participant = rooms.addParticipant(room.id, 'An', 10);
		expect(rooms.authorize(room.id, room.facilitatorKey)).toEqual({
			role: 'facilitator',
			participantId: null
		});
		expect(rooms.authorize(room.id, room.viewerKey)).toEqual({
			role: 'viewer',
			participantId: null
		});
		expect(rooms.authorize(room.id, participant.key)).toEqual({
			role: 'participant',
			participantId: participant.id
		});
		expect(rooms.authorize(room.id, 'wrong')).toBeNull();
		expect(rooms.authorize('other', room.facilitatorKey)).toBeNull();
		expect(rooms.findByCode(room.joinCode.toLowerCase())?.id).toBe(room.id);
		const dump =
			JSON.stringify(db.prepare('SELECT * FROM rooms').all()) +
			JSON.stringify(db.prepare('SELECT * FROM participants').all());
		expect(dump).not.toContain(room.facilitatorKey);
		expect(dump).not.toContain(participant.key);
	});

	it('refuses participants past the limit', () => {
		const rooms = new RoomRepository(openDatabase(':memory:'));
		const room = rooms.create({ title: 'Klein', workshop: 'w' });
		rooms.addParticipant(room.id, '', 2);
		rooms.addParticipant(room.id, '', 2);
		expect(() => rooms.addParticipant(room.id, '', 2)).toThrow(RoomFullError);
		expect(rooms.participantCount(room.id)).toBe(2);
	});

	it('erases a room with its participants and documents', () => {
		const db = openDatabase(':memory:');
		const rooms = new RoomRepository(db);
		const room = rooms.create({ title: 'Weg', workshop: 'w' });
		rooms.addParticipant(room.id, 'An', 10);
		db.prepare('INSERT INTO doc_updates (room_id, doc, seq, data) VALUES (?, ?, ?, ?)').run(
			room.id,
			'board',
			1,
			Buffer.from([1])
		);
		expect(rooms.delete(room.id)).toBe(true);
		for (const table of ['rooms', 'participants', 'doc_updates']) {
			expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
		}
		expect(rooms.delete(room.id)).toBe(false);
	});
});

describe('limits', () => {
	it('throttles an address only after repeated failures, for a window', () => {
		let now = 0;
		const throttle = new FailureThrottle(3, 1000, () => now);
		for (let i = 0; i < 3; i++) {
			expect(throttle.retryAfterMs('a')).toBe(0);
			throttle.recordFailure('a');
		}
		expect(throttle.retryAfterMs('a')).toBe(1000);
		expect(throttle.retryAfterMs('b')).toBe(0);
		now = 1001;
		expect(throttle.retryAfterMs('a')).toBe(0);
	});

	it('allows a burst, then the steady rate', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 20, () => now);
		let allowed = 0;
		for (let i = 0; i < 30; i++) if (bucket.take()) allowed++;
		expect(allowed).toBe(20);
		now = 500;
		allowed = 0;
		for (let i = 0; i < 30; i++) if (bucket.take()) allowed++;
		expect(allowed).toBe(5);
	});

	it('reads configuration from the environment and refuses nonsense', () => {
		const config = loadConfig({ PORT: '8080', DATA_DIR: '/tmp/x', PARTICIPANTS_PER_ROOM: '40' });
		expect(config.port).toBe(8080);
		expect(config.databaseFile).toBe('/tmp/x/visiewerkplaats.sqlite');
		expect(config.limits.participantsPerRoom).toBe(40);
		expect(loadConfig({}).port).toBe(3000);
		expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT must be a whole number/);
	});
});
