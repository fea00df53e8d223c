// Join-code guessing and the join state, against the API logic with a real SQLite file and an
// injected clock (the HTTP answers themselves are in tests/e2e/api.spec.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getJoining, joinRoom, roomInfo, setJoining } from '../../src/lib/server/api';
import { createApp, type App } from '../../src/lib/server/app';
import { loadConfig } from '../../src/lib/server/config';
import { HttpError } from '../../src/lib/server/http';
import { isRoomFull, RoomFullError } from '../../src/lib/server/rooms';
import { silentLogger } from '../../src/lib/server/log';
import { tempDataDir } from '../helpers/server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let app: App;
let wall: number;

function start(env: Record<string, string> = {}): App {
	wall = Date.UTC(2026, 10, 3, 9, 0, 0);
	const config = loadConfig({ DATA_DIR: tempDataDir(), ...env });
	return createApp(config, silentLogger, {
		clock: { now: () => wall, monotonic: () => wall }
	});
}

/** What a join answers: the participant, or the refusal's status, reason and Retry-After. */
function tryJoin(code: string, address: string) {
	try {
		return { status: 200, joined: joinRoom(app, { code, name: '' }, address) };
	} catch (error) {
		if (!(error instanceof HttpError)) throw error;
		return {
			status: error.status,
			reason: error.details.reason,
			retryAfter: Number(error.headers['Retry-After'] ?? 0)
		};
	}
}

/** A code no room has (the codes of rooms are random; this one is checked). */
function wrongCode(index: number): string {
	for (let n = index; ; n += 1000) {
		const code = `ZZZ-${String(200 + (n % 700)).replace(/[01]/g, '9')}`;
		if (!app.rooms.findByCode(code)) return code;
	}
}

afterEach(async () => {
	await app.close();
});

describe('join-code guessing', () => {
	beforeEach(() => {
		app = start({ FAILED_JOINS_PER_WINDOW: '30', FAILED_JOINS_PER_MINUTE: '300' });
	});

	it('refuses every join from a throttled address, the right code too, until the window ends', () => {
		const room = app.rooms.create({ title: 'Kessel-Lo', workshop: 'w' });
		// A room behind one router mistypes: 29 wrong codes, and people still get in.
		for (let i = 0; i < 29; i++) expect(tryJoin(wrongCode(i), '10.0.0.1').status).toBe(404);
		expect(tryJoin(room.joinCode, '10.0.0.1').status).toBe(200);
		expect(tryJoin(wrongCode(29), '10.0.0.1').status).toBe(404);
		// The 30th wrong code used the budget up: now the right code is refused as well.
		const refused = tryJoin(room.joinCode, '10.0.0.1');
		expect(refused).toMatchObject({ status: 429, reason: 'throttled' });
		expect(refused.retryAfter).toBeGreaterThan(0);
		expect(refused.retryAfter).toBeLessThanOrEqual(600);
		// Other addresses are not affected.
		expect(tryJoin(room.joinCode, '10.0.0.2').status).toBe(200);
		// Refused tries do not extend the window: it ends 10 minutes after the first wrong code.
		wall += 10 * MINUTE + 1000;
		expect(tryJoin(room.joinCode, '10.0.0.1').status).toBe(200);
	});

	it('past the global limit refuses addresses with a recent wrong code, and lets the others in', () => {
		const room = app.rooms.create({ title: 'Heverlee', workshop: 'w' });
		// 300 wrong codes from 300 addresses within a minute (a guessing botnet).
		for (let i = 0; i < 300; i++)
			expect(tryJoin(wrongCode(i), `10.1.${i >> 8}.${i & 255}`).status).toBe(404);
		const guesser = tryJoin(room.joinCode, '10.1.0.7');
		expect(guesser).toMatchObject({ status: 429, reason: 'throttled' });
		expect(guesser.retryAfter).toBeGreaterThan(0);
		expect(guesser.retryAfter).toBeLessThanOrEqual(60);
		// Someone who never typed a wrong code still gets in.
		expect(tryJoin(room.joinCode, '192.168.5.5').status).toBe(200);
		// When the minute is over, the address with one wrong code can join again.
		wall += MINUTE + 1000;
		expect(tryJoin(room.joinCode, '10.1.0.7').status).toBe(200);
	});
});

describe('the join state', () => {
	beforeEach(() => {
		app = start({ JOIN_CODE_IDLE_HOURS: '12' });
	});

	it('refuses a closed code without a key, keeps who joined, and reopens', () => {
		const room = app.rooms.create({ title: 'Wilsele', workshop: 'visievorming-zorgzame-buurten' });
		const first = tryJoin(room.joinCode, '10.0.0.1');
		expect(first.status).toBe(200);
		expect(setJoining(app, room.id, room.facilitatorKey, false).joining).toMatchObject({
			open: false,
			reason: 'closed'
		});
		const closed = tryJoin(room.joinCode, '10.0.0.1');
		expect(closed).toMatchObject({ status: 403, reason: 'closed' });
		expect(closed).not.toHaveProperty('joined');
		// A closed code is a real code: it does not count as a wrong one.
		expect(app.failedJoins.hasRecentFailure('10.0.0.1')).toBe(false);
		// Who joined keeps working.
		const participantKey = first.joined!.participantKey;
		expect(app.rooms.authorize(room.id, participantKey)?.role).toBe('participant');
		// Only the facilitator opens and closes; the viewer sees the state.
		for (const key of [room.viewerKey, participantKey]) {
			expect(() => setJoining(app, room.id, key, true)).toThrow(/only the facilitator/);
		}
		expect(getJoining(app, room.id, room.viewerKey).joining.open).toBe(false);
		expect(roomInfo(app, room.id, room.facilitatorKey).joining?.reason).toBe('closed');
		setJoining(app, room.id, room.facilitatorKey, true);
		expect(tryJoin(room.joinCode, '10.0.0.1').status).toBe(200);
	});

	it('stops a code after the idle time without joins or activity, and reopens it', () => {
		const room = app.rooms.create({ title: 'Leuven', workshop: 'w' });
		wall += 11 * HOUR;
		expect(tryJoin(room.joinCode, '10.0.0.1').status).toBe(200); // a join is activity
		wall += 11 * HOUR;
		app.rooms.touch(room.id); // so is any change in the room
		wall += 12 * HOUR - 1000;
		expect(getJoining(app, room.id, room.facilitatorKey).joining).toMatchObject({ open: true });
		wall += 1000;
		expect(getJoining(app, room.id, room.facilitatorKey).joining).toMatchObject({
			open: false,
			reason: 'idle'
		});
		expect(tryJoin(room.joinCode, '10.0.0.1')).toMatchObject({ status: 403, reason: 'expired' });
		setJoining(app, room.id, room.facilitatorKey, true);
		expect(tryJoin(room.joinCode, '10.0.0.1').status).toBe(200);
	});

	it('keeps rooms stored before the join state open (migration 3)', () => {
		const room = app.rooms.create({ title: 'Oud', workshop: 'w' });
		expect(app.rooms.get(room.id)?.joinClosedAt).toBeNull();
		expect(app.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
	});
});

describe('a full room', () => {
	beforeEach(() => {
		app = start({ PARTICIPANTS_PER_ROOM: '2' });
	});

	it('answers 409, whichever bundle the error class came from', () => {
		const room = app.rooms.create({ title: 'Klein', workshop: 'w' });
		expect(tryJoin(room.joinCode, '10.0.0.1').status).toBe(200);
		expect(tryJoin(room.joinCode, '10.0.0.1').status).toBe(200);
		expect(tryJoin(room.joinCode, '10.0.0.1')).toMatchObject({ status: 409, reason: 'full' });
		// The production server holds two copies of RoomFullError (SvelteKit's bundle and
		// build/server.js): the check must not depend on which one threw.
		class OtherBundlesRoomFullError extends Error {
			readonly code = 'ROOM_FULL';
		}
		expect(isRoomFull(new OtherBundlesRoomFullError('full'))).toBe(true);
		expect(isRoomFull(new RoomFullError('full'))).toBe(true);
		expect(isRoomFull(new Error('full'))).toBe(false);
		expect(isRoomFull(null)).toBe(false);
	});
});
