// Workspaces against a real server on port 0 with a real SQLite file: sessions started from a
// workspace and run by raw y-websocket clients, the keys that open them, co-facilitator links,
// erasure with a count, export and import, retention. (The HTTP answers: tests/e2e/workspace.spec.ts.)
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addNote, notesFromYdoc as notesOf } from '../../src/lib/board';
import { joinRoom } from '../../src/lib/server/api';
import { createApp } from '../../src/lib/server/app';
import { loadConfig } from '../../src/lib/server/config';
import { HttpError } from '../../src/lib/server/http';
import { silentLogger } from '../../src/lib/server/log';
import {
	addCoFacilitator,
	compareSessions,
	createSession,
	createWorkspace,
	eraseWorkspace,
	exportWorkspace,
	importWorkspace,
	mySessions,
	revokeCoFacilitators,
	sessionKeys,
	workspaceInfo,
	WorkspaceExportSchema
} from '../../src/lib/server/workspace-api';
import { hashKey } from '../../src/lib/server/keys';
import { seal, unseal } from '../../src/lib/server/workspaces';
import * as v from 'valibot';
import { synced, tempDataDir, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();
const ORIGIN = 'https://vwp.example';
const WORKSHOP = 'visievorming-zorgzame-buurten';

/** The status and message of what `run` throws (an HttpError), or 200. */
function statusOf(run: () => unknown): { status: number; message: string; details: object } {
	try {
		run();
		return { status: 200, message: '', details: {} };
	} catch (error) {
		if (!(error instanceof HttpError)) throw error;
		return { status: error.status, message: error.message, details: error.details };
	}
}

/** A workspace with three sessions of the main workshop, each run by a facilitator and a participant. */
async function threeSessions(marker = 'buurtnotitie') {
	const app = t.server.app;
	const ws = createWorkspace(app, { name: 'Gemeente Wetteren' }, ORIGIN);
	const titles = ['Eigen team', 'Partners', 'Buurt Kwatrecht'];
	const sessions = [];
	for (const title of titles) {
		const room = createSession(
			app,
			ws.id,
			ws.key,
			{ workshop: WORKSHOP, title, variant: '' },
			ORIGIN
		);
		// The console opens with the keys the workspace keeps for it.
		const keys = sessionKeys(app, ws.id, ws.key, room.id);
		expect(keys).toEqual({ facilitatorKey: room.facilitatorKey, viewerKey: room.viewerKey });
		const facilitator = t.client(room.id, 'board', keys.facilitatorKey);
		const joined = joinRoom(app, { code: room.joinCode, name: '' }, '10.0.0.1');
		const participant = t.client(room.id, 'board', joined.participantKey);
		await Promise.all([synced(facilitator), synced(participant)]);
		addNote(
			participant.doc,
			testNote(`${room.id}-p`, {
				step: 'kennismaking',
				author: joined.participantId,
				text: `${marker} ${title}`
			})
		);
		addNote(
			facilitator.doc,
			testNote(`${room.id}-f`, { step: 'kennismaking', text: `${marker} f` })
		);
		await until(
			() => notesOf(facilitator.doc).length === 2 && notesOf(participant.doc).length === 2
		);
		sessions.push({ ...room, title });
	}
	return { ws, sessions };
}

describe('a workspace', () => {
	it('lists its three sessions, run by raw clients, with participants and status', async () => {
		const { ws, sessions } = await threeSessions();
		const info = workspaceInfo(t.server.app, ws.id, ws.key);
		expect(info.name).toBe('Gemeente Wetteren');
		expect(info.role).toBe('owner');
		expect(info.sessions.map((s) => s.title).sort()).toEqual(sessions.map((s) => s.title).sort());
		for (const session of info.sessions) {
			expect(session.participants).toBe(1);
			expect(session.workshop.id).toBe(WORKSHOP);
			expect(session.workshop.title?.nl).toBeTruthy();
			expect(session.steps).toBeGreaterThan(5);
			expect(session.step).toBe(1);
			expect(session.state).toBe('running');
		}
		// A session started elsewhere is not the workspace's.
		const other = t.server.app.rooms.create({ title: 'Los', workshop: WORKSHOP });
		expect(statusOf(() => sessionKeys(t.server.app, ws.id, ws.key, other.id)).status).toBe(404);
	});

	it('opens with its own key only: never a room key, another workspace’s key, or none', async () => {
		const { ws, sessions } = await threeSessions();
		const app = t.server.app;
		const other = createWorkspace(app, { name: 'Gemeente Lede' }, ORIGIN);
		expect(statusOf(() => workspaceInfo(app, ws.id, other.key)).status).toBe(401);
		expect(statusOf(() => workspaceInfo(app, ws.id, sessions[0]!.facilitatorKey)).status).toBe(401);
		expect(statusOf(() => workspaceInfo(app, ws.id, null)).status).toBe(401);
		expect(statusOf(() => workspaceInfo(app, 'unknown', ws.key)).status).toBe(404);
		expect(statusOf(() => sessionKeys(app, other.id, other.key, sessions[0]!.id)).status).toBe(404);
		// The link carries the key in its fragment, which never reaches a server.
		expect(ws.url).toBe(`${ORIGIN}/w/${ws.id}#key=${ws.key}`);
	});

	it('keeps only hashes and sealed keys in the database: a leaked file opens nothing', async () => {
		const { ws, sessions } = await threeSessions();
		const db = t.server.app.db;
		const stored = db.prepare('SELECT key_hash, sealed_vault FROM workspace_keys').all() as {
			key_hash: Buffer;
			sealed_vault: Buffer;
		}[];
		expect(stored).toHaveLength(1);
		expect(stored[0]!.key_hash.equals(hashKey(ws.key))).toBe(true);
		const sealed = db
			.prepare('SELECT sealed_keys FROM rooms WHERE workspace_id = ?')
			.all(ws.id) as { sealed_keys: Buffer }[];
		expect(sealed).toHaveLength(3);
		for (const row of sealed) {
			for (const s of sessions) {
				expect(row.sealed_keys.includes(Buffer.from(s.facilitatorKey))).toBe(false);
				expect(row.sealed_keys.includes(Buffer.from(s.viewerKey))).toBe(false);
			}
			// Neither the stored hash nor another secret unseals it.
			expect(unseal(stored[0]!.key_hash, row.sealed_keys)).toBeNull();
		}
		expect(unseal('another key', seal('a key', Buffer.from('x')))).toBeNull();
		expect(unseal('a key', seal('a key', Buffer.from('x')))?.toString()).toBe('x');
	});

	it('gives a co-facilitator link the same rights, which the owner can take back', async () => {
		const { ws, sessions } = await threeSessions();
		const app = t.server.app;
		const co = addCoFacilitator(app, ws.id, ws.key, ORIGIN);
		expect(co.key).not.toBe(ws.key);
		expect(co.url).toBe(`${ORIGIN}/w/${ws.id}#key=${co.key}`);
		const info = workspaceInfo(app, ws.id, co.key);
		expect(info.role).toBe('co');
		expect(info.sessions).toHaveLength(3);
		expect(workspaceInfo(app, ws.id, ws.key).coFacilitatorLinks).toBe(1);
		expect(sessionKeys(app, ws.id, co.key, sessions[1]!.id).facilitatorKey).toBe(
			sessions[1]!.facilitatorKey
		);
		const started = createSession(
			app,
			ws.id,
			co.key,
			{ workshop: WORKSHOP, title: 'Vierde', variant: '' },
			ORIGIN
		);
		expect(sessionKeys(app, ws.id, ws.key, started.id).viewerKey).toBe(started.viewerKey);
		expect(statusOf(() => revokeCoFacilitators(app, ws.id, co.key)).status).toBe(403);
		expect(revokeCoFacilitators(app, ws.id, ws.key)).toEqual({ revoked: 1 });
		expect(statusOf(() => workspaceInfo(app, ws.id, co.key)).status).toBe(401);
		expect(workspaceInfo(app, ws.id, ws.key).sessions).toHaveLength(4);
	});

	it('refuses a blank or overlong name with a clear message', () => {
		for (const name of ['', '   ', 'x'.repeat(121)]) {
			const result = v.safeParse(
				v.object({ name: WorkspaceExportSchema.entries.workspace.entries.name }),
				{ name }
			);
			expect(result.success).toBe(false);
			expect(result.issues?.[0]?.message).toMatch(/name/);
		}
	});
});

describe('erasing a workspace', () => {
	it('asks for the number of sessions, then leaves no trace of them in the SQLite files', async () => {
		const marker = 'Geheim-Wetteren-9c1e';
		const { ws, sessions } = await threeSessions(marker);
		const app = t.server.app;
		const outside = app.rooms.create({ title: 'Blijft', workshop: WORKSHOP });
		for (const confirm of [null, '', '1', '4', 'drie']) {
			const refused = statusOf(() => eraseWorkspace(app, ws.id, ws.key, confirm));
			expect(refused.status).toBe(409);
			expect(refused.message).toMatch(/3 session/);
			expect(refused.details).toEqual({ sessions: 3 });
		}
		expect(statusOf(() => eraseWorkspace(app, ws.id, 'wrong', '3')).status).toBe(401);
		expect(workspaceInfo(app, ws.id, ws.key).sessions).toHaveLength(3);

		expect(eraseWorkspace(app, ws.id, ws.key, '3')).toEqual({ erased: 3 });
		for (const s of sessions) expect(app.rooms.get(s.id)).toBeNull();
		expect(app.rooms.get(outside.id)).not.toBeNull();
		expect(statusOf(() => workspaceInfo(app, ws.id, ws.key)).status).toBe(404);
		t.destroyClients();
		await t.server.stop();
		const files = fs.readdirSync(t.dataDir).map((name) => path.join(t.dataDir, name));
		for (const file of files) {
			const bytes = fs.readFileSync(file);
			for (const text of [marker, 'Gemeente Wetteren', 'Buurt Kwatrecht'])
				expect(bytes.includes(Buffer.from(text)), `${path.basename(file)} holds "${text}"`).toBe(
					false
				);
		}
		const db = new Database(path.join(t.dataDir, 'visiewerkplaats.sqlite'), { readonly: true });
		for (const table of ['workspaces', 'workspace_keys', 'participants', 'doc_updates'])
			expect(
				(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
				table
			).toBe(0);
		db.close();
	});
});

describe('export and import', () => {
	it('moves a workspace as one JSON file: a new workspace, new keys, the same sessions', async () => {
		const { ws, sessions } = await threeSessions('verhuisd');
		const app = t.server.app;
		// The notes are in an introduction round, private by default: a move takes them with names=1.
		const privately = JSON.stringify(await exportWorkspace(app, ws.id, ws.key, { names: false }));
		expect(privately).not.toContain('verhuisd');
		const exported = await exportWorkspace(app, ws.id, ws.key, { names: true });
		const text = JSON.stringify(exported);
		for (const s of sessions) {
			expect(text).not.toContain(s.facilitatorKey);
			expect(text).not.toContain(s.viewerKey);
		}
		expect(text).not.toContain(ws.key);
		const parsed = v.parse(WorkspaceExportSchema, JSON.parse(text));
		const imported = importWorkspace(app, parsed, ORIGIN);
		expect(imported.id).not.toBe(ws.id);
		expect(imported.key).not.toBe(ws.key);
		const info = workspaceInfo(app, imported.id, imported.key);
		expect(info.name).toBe('Gemeente Wetteren');
		expect(info.sessions.map((s) => s.title).sort()).toEqual(sessions.map((s) => s.title).sort());
		// Each imported session opens from the new workspace and holds its notes.
		const session = info.sessions.find((s) => s.title === 'Partners')!;
		const keys = sessionKeys(app, imported.id, imported.key, session.id);
		const reader = t.client(session.id, 'board', keys.facilitatorKey);
		await synced(reader);
		expect(
			notesOf(reader.doc)
				.map((n) => n.text)
				.sort()
		).toEqual(['verhuisd Partners', 'verhuisd f']);
	});

	it('refuses an export with a bad session whole, naming the session', async () => {
		const { ws } = await threeSessions();
		const app = t.server.app;
		const exported = await exportWorkspace(app, ws.id, ws.key, { names: false });
		const broken = structuredClone(exported) as typeof exported & {
			sessions: { room: { workshop: string } }[];
		};
		broken.sessions[1]!.room.workshop = 'bestaat-niet';
		const parsed = v.parse(WorkspaceExportSchema, broken);
		const before = (app.db.prepare('SELECT COUNT(*) AS n FROM rooms').get() as { n: number }).n;
		const refused = statusOf(() => importWorkspace(app, parsed, ORIGIN));
		expect(refused.status).toBe(400);
		expect(refused.message).toMatch(/^sessions\[1\]\.room\.workshop: unknown workshop/);
		expect((app.db.prepare('SELECT COUNT(*) AS n FROM rooms').get() as { n: number }).n).toBe(
			before
		);
		expect((app.db.prepare('SELECT COUNT(*) AS n FROM workspaces').get() as { n: number }).n).toBe(
			1
		);
	});
});

describe('retention', () => {
	it('erases a workspace without sessions after RETENTION_DAYS, never one that has sessions', async () => {
		const DAY = 24 * 60 * 60 * 1000;
		const HOUR = 60 * 60 * 1000;
		let wall = Date.UTC(2026, 10, 3);
		let mono = 0;
		const app = createApp(loadConfig({ DATA_DIR: tempDataDir() }), silentLogger, {
			clock: { now: () => wall, monotonic: () => mono }
		});
		try {
			const empty = createWorkspace(app, { name: 'Leeg' }, ORIGIN);
			const full = createWorkspace(app, { name: 'Vol' }, ORIGIN);
			const room = createSession(
				app,
				full.id,
				full.key,
				{ workshop: WORKSHOP, title: 'Oud', variant: '' },
				ORIGIN
			);
			const old = wall - 200 * DAY;
			app.db.prepare('UPDATE workspaces SET last_active_at = ?').run(old);
			app.db.prepare('UPDATE rooms SET last_active_at = ?').run(old);
			// A recent room elsewhere, so that the clock looks right.
			app.rooms.create({ title: 'Recent', workshop: WORKSHOP });
			for (let i = 0; i < 4; i++) {
				app.expireRooms();
				wall += 3 * HOUR;
				mono += 3 * HOUR;
			}
			expect(app.workspaces.get(empty.id)).toBeNull();
			// The old session went by its own inactivity; its workspace goes at the next checks.
			expect(app.rooms.get(room.id)).toBeNull();
			expect(app.workspaces.get(full.id)).not.toBeNull();
			for (let i = 0; i < 4; i++) {
				app.expireRooms();
				wall += 3 * HOUR;
				mono += 3 * HOUR;
			}
			expect(app.workspaces.get(full.id)).toBeNull();
		} finally {
			await app.close();
		}
	});
});

describe('"Mijn sessies"', () => {
	it('summarises a console only for its facilitator key; an erased room answers null', async () => {
		const { sessions } = await threeSessions();
		const app = t.server.app;
		const [a, b, c] = sessions as [
			(typeof sessions)[0],
			(typeof sessions)[0],
			(typeof sessions)[0]
		];
		app.eraseRoom(c.id);
		const joined = joinRoom(app, { code: b.joinCode, name: '' }, '10.0.0.2');
		const answer = mySessions(app, {
			sessions: [
				{ id: a.id, key: a.facilitatorKey },
				{ id: b.id, key: b.viewerKey },
				{ id: b.id, key: joined.participantKey },
				{ id: c.id, key: c.facilitatorKey },
				{ id: a.id, key: b.facilitatorKey }
			]
		});
		expect(answer.sessions.map((s) => s.summary?.title ?? null)).toEqual([
			'Eigen team',
			null,
			null,
			null,
			null
		]);
	});
});

describe('the comparison report', () => {
	it('compares two or more of the workspace’s own sessions, with its key only', async () => {
		const { ws, sessions } = await threeSessions();
		const app = t.server.app;
		const ids = sessions.map((s) => s.id).join(',');
		const md = await compareSessions(app, ws.id, ws.key, ids, 'md', 'nl');
		expect(md.fileName).toBe('vergelijking-gemeente-wetteren.md');
		const text = String(md.body);
		expect(text).toContain('# Vergelijking: Gemeente Wetteren');
		for (const s of sessions) expect(text).toContain(s.title);
		const html = await compareSessions(app, ws.id, ws.key, ids, 'html', 'en');
		expect(String(html.body)).toContain('The building blocks side by side');

		const refused = async (run: () => Promise<unknown>) => {
			try {
				await run();
				return 200;
			} catch (error) {
				if (!(error instanceof HttpError)) throw error;
				return error.status;
			}
		};
		expect(
			await refused(() => compareSessions(app, ws.id, ws.key, sessions[0]!.id, 'md', 'nl'))
		).toBe(400);
		expect(await refused(() => compareSessions(app, ws.id, ws.key, null, 'md', 'nl'))).toBe(400);
		const other = app.rooms.create({ title: 'Elders', workshop: WORKSHOP });
		expect(
			await refused(() =>
				compareSessions(app, ws.id, ws.key, `${sessions[0]!.id},${other.id}`, 'md', 'nl')
			)
		).toBe(404);
		expect(
			await refused(() => compareSessions(app, ws.id, sessions[0]!.facilitatorKey, ids, 'md', 'nl'))
		).toBe(401);
	});
});
