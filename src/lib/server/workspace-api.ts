// The workspace API's logic (README, "HTTP API"); the routes under /api/workspaces only
// translate requests and responses.
import * as v from 'valibot';
import { controlFromYdoc } from '../board/control';
import { m } from '../paraglide/messages';
import { reportToDocx, reportToHtml, reportToMarkdown } from '../report';
import { buildComparison } from '../report/compare';
import { RoomExportSchema } from '../report/export';
import type { Locale } from '../workshop/types';
import { createRoom, CreateRoomBody, joiningState } from './api';
import type { App } from './app';
import { HttpError } from './http';
import type { SessionState, SessionSummary } from '../workspace/session-summary';
import { importRoom } from './import';
import { renderPdf } from './pdf';
import { loadDoc, roomReport } from './report';
import { comparedSession } from './report-model';
import { workshopOfRoom } from './room-workshop';
import type { Workspace, WorkspaceAccess } from './workspaces';

export const MAX_WORKSPACE_NAME = 120;

export const WorkspaceName = v.pipe(
	v.string('name must be text'),
	v.trim(),
	v.minLength(1, 'give the workspace a name, e.g. "Gemeente Wetteren"'),
	v.maxLength(MAX_WORKSPACE_NAME, `name holds at most ${MAX_WORKSPACE_NAME} characters`)
);

export const CreateWorkspaceBody = v.object({ name: WorkspaceName });

export const WORKSPACE_EXPORT_FORMAT = 'visiewerkplaats-workspace';
export const WORKSPACE_EXPORT_VERSION = 1;
/** Sessions one workspace export may hold. */
export const MAX_EXPORT_SESSIONS = 200;

export const WorkspaceExportSchema = v.object({
	format: v.literal(WORKSPACE_EXPORT_FORMAT, `format must be "${WORKSPACE_EXPORT_FORMAT}"`),
	version: v.literal(WORKSPACE_EXPORT_VERSION, `version must be ${WORKSPACE_EXPORT_VERSION}`),
	workspace: v.object({ name: WorkspaceName, createdAt: v.optional(v.string()) }),
	sessions: v.pipe(
		v.array(RoomExportSchema),
		v.maxLength(
			MAX_EXPORT_SESSIONS,
			`a workspace export holds at most ${MAX_EXPORT_SESSIONS} sessions`
		)
	)
});

/** The workspace page's address: the key in the fragment, which never reaches a server. */
const workspaceUrl = (origin: string, id: string, key: string) =>
	`${origin}/w/${encodeURIComponent(id)}#key=${key}`;

export function createWorkspace(
	app: App,
	body: v.InferOutput<typeof CreateWorkspaceBody>,
	origin: string
) {
	const { workspace, key } = app.workspaces.create(body.name);
	app.log('info', 'workspace_created', { workspace: workspace.id });
	return {
		id: workspace.id,
		name: workspace.name,
		key,
		url: workspaceUrl(origin, workspace.id, key)
	};
}

/** The workspace and what the key opens; 404 for an unknown workspace, 401 for a bad key. */
export function requireWorkspace(
	app: App,
	id: string,
	key: string | null
): { workspace: Workspace; access: WorkspaceAccess } {
	const workspace = app.workspaces.get(id);
	if (!workspace) throw new HttpError(404, 'no such workspace');
	const access = key ? app.workspaces.authorize(id, key) : null;
	if (!access)
		throw new HttpError(
			401,
			'a valid workspace key is needed (Authorization: Bearer <key>, or ?key=…)'
		);
	return { workspace, access };
}

export type { SessionState, SessionSummary };

export function sessionSummary(app: App, roomId: string): SessionSummary | null {
	const room = app.rooms.get(roomId);
	if (!room) return null;
	const running = workshopOfRoom(app.rooms, room);
	const steps = running.workshop?.steps.length ?? 0;
	const control = controlFromYdoc(loadDoc(app, roomId, 'control'));
	const participants = app.rooms.participantCount(roomId);
	const step = Math.min(control.stepIndex + 1, Math.max(steps, 1));
	const state: SessionState =
		steps > 0 && step >= steps
			? 'done'
			: control.startedAt === null && participants === 0
				? 'new'
				: 'running';
	return {
		id: room.id,
		title: room.title,
		workshop: { id: room.workshop, title: running.workshop?.title ?? null },
		createdAt: new Date(room.createdAt).toISOString(),
		lastActiveAt: new Date(room.lastActiveAt).toISOString(),
		participants,
		joinCode: room.joinCode,
		joiningOpen: joiningState(app, room).open,
		step,
		steps,
		state
	};
}

export function workspaceInfo(app: App, id: string, key: string | null) {
	const { workspace, access } = requireWorkspace(app, id, key);
	app.workspaces.touch(id);
	const sessions = app.workspaces
		.roomIds(id)
		.map((roomId) => sessionSummary(app, roomId))
		.filter((s): s is SessionSummary => s !== null);
	return {
		id: workspace.id,
		name: workspace.name,
		createdAt: new Date(workspace.createdAt).toISOString(),
		role: access.role,
		coFacilitatorLinks: app.workspaces.keyCount(id).co,
		sessions
	};
}

/** Starts a session that belongs to the workspace: the answer of POST /api/rooms. */
export function createSession(
	app: App,
	id: string,
	key: string | null,
	body: v.InferOutput<typeof CreateRoomBody>,
	origin: string
) {
	const { access } = requireWorkspace(app, id, key);
	return app.db.transaction(() => {
		const created = createRoom(app, body, origin);
		app.workspaces.attachRoom(id, created.id, access.vault, created);
		app.log('info', 'workspace_session', { workspace: id, room: created.id });
		return created;
	})();
}

/** The keys of one of the workspace's sessions, to open its console. */
export function sessionKeys(app: App, id: string, key: string | null, roomId: string) {
	const { access } = requireWorkspace(app, id, key);
	const keys = app.workspaces.roomKeys(id, roomId, access.vault);
	if (!keys) throw new HttpError(404, 'this workspace has no such session');
	app.workspaces.touch(id);
	return keys;
}

/** A co-facilitator link: a second key with the same rights. */
export function addCoFacilitator(app: App, id: string, key: string | null, origin: string) {
	const { access } = requireWorkspace(app, id, key);
	const coKey = app.workspaces.addKey(id, access.vault);
	app.log('info', 'workspace_key_added', { workspace: id });
	return { key: coKey, url: workspaceUrl(origin, id, coKey) };
}

/** Takes back every co-facilitator link (the owner's key only). */
export function revokeCoFacilitators(app: App, id: string, key: string | null) {
	const { access } = requireWorkspace(app, id, key);
	if (access.role !== 'owner')
		throw new HttpError(403, 'only the key the workspace was created with takes links back');
	const revoked = app.workspaces.revokeCoKeys(id);
	app.log('info', 'workspace_keys_revoked', { workspace: id, keys: revoked });
	return { revoked };
}

/**
 * Erases the workspace and all its sessions. `confirm` must name how many sessions that is, so
 * that nobody erases ten sessions believing it is one; a wrong count gets 409 with the count.
 */
export function eraseWorkspace(app: App, id: string, key: string | null, confirm: string | null) {
	requireWorkspace(app, id, key);
	const count = app.workspaces.roomIds(id).length;
	if (confirm === null || confirm.trim() === '' || Number(confirm) !== count)
		throw new HttpError(
			409,
			`erasing this workspace erases its ${count} session(s): confirm with ?confirm=${count}`,
			{},
			{ sessions: count }
		);
	const erased = app.eraseWorkspace(id);
	app.log('info', 'workspace_deleted', { workspace: id, sessions: erased });
	return { erased };
}

/** The whole workspace as one JSON file: each session as its room export. */
export async function exportWorkspace(
	app: App,
	id: string,
	key: string | null,
	options: { names: boolean }
) {
	const { workspace, access } = requireWorkspace(app, id, key);
	const sessions = [];
	for (const roomId of app.workspaces.roomIds(id)) {
		const keys = app.workspaces.roomKeys(id, roomId, access.vault);
		if (!keys) continue;
		const report = await roomReport(app, roomId, keys.facilitatorKey, 'json', {
			locale: 'nl',
			names: options.names
		});
		sessions.push(JSON.parse(String(report.body)) as unknown);
	}
	return {
		format: WORKSPACE_EXPORT_FORMAT,
		version: WORKSPACE_EXPORT_VERSION,
		workspace: { name: workspace.name, createdAt: new Date(workspace.createdAt).toISOString() },
		sessions
	};
}

/** A workspace export becomes a new workspace with a new key, its sessions new rooms. */
export function importWorkspace(
	app: App,
	data: v.InferOutput<typeof WorkspaceExportSchema>,
	origin: string
) {
	return app.db.transaction(() => {
		const created = createWorkspace(app, { name: data.workspace.name }, origin);
		const access = app.workspaces.authorize(created.id, created.key)!;
		const sessions = data.sessions.map((session, index) => {
			try {
				const room = importRoom(app, session, origin);
				app.workspaces.attachRoom(created.id, room.id, access.vault, room);
				return { id: room.id, title: room.title };
			} catch (error) {
				if (error instanceof HttpError)
					throw new HttpError(error.status, `sessions[${index}].${error.message}`);
				throw error;
			}
		});
		app.log('info', 'workspace_imported', { workspace: created.id, sessions: sessions.length });
		return { ...created, sessions };
	})();
}

export const MAX_MY_SESSIONS = 200;

export const MySessionsBody = v.object({
	sessions: v.pipe(
		v.array(
			v.object({
				id: v.pipe(v.string('id must be text'), v.maxLength(64)),
				key: v.pipe(v.string('key must be text'), v.maxLength(128))
			})
		),
		v.maxLength(MAX_MY_SESSIONS, `at most ${MAX_MY_SESSIONS} sessions at once`)
	)
});

/**
 * "Mijn sessies": the summary of each console a browser remembers, by its facilitator key (in
 * the body, never in an address). A room that is gone, or a key that no longer opens it as the
 * facilitator, answers `null`: the browser offers to forget it.
 */
export function mySessions(app: App, body: v.InferOutput<typeof MySessionsBody>) {
	return {
		sessions: body.sessions.map(({ id, key }) => {
			const access = app.rooms.get(id) ? app.rooms.authorize(id, key) : null;
			return {
				id,
				summary: access?.role === 'facilitator' ? sessionSummary(app, id) : null
			};
		})
	};
}

export const COMPARE_FORMATS = ['md', 'html', 'pdf', 'docx', 'json'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

const COMPARE_TYPES: Record<CompareFormat, string> = {
	md: 'text/markdown; charset=utf-8',
	html: 'text/html; charset=utf-8',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	json: 'application/json; charset=utf-8'
};

export const isCompareFormat = (value: string): value is CompareFormat =>
	(COMPARE_FORMATS as readonly string[]).includes(value);

/**
 * One document comparing two or more sessions of the workspace (`rooms`: their ids, comma
 * separated), in the formats of the single report; JSON gives the report model itself.
 */
export async function compareSessions(
	app: App,
	id: string,
	key: string | null,
	rooms: string | null,
	format: CompareFormat,
	locale: Locale
): Promise<{ body: string | Uint8Array; contentType: string; fileName: string }> {
	const { workspace } = requireWorkspace(app, id, key);
	const ids = [
		...new Set(
			(rooms ?? '')
				.split(',')
				.map((r) => r.trim())
				.filter(Boolean)
		)
	];
	if (ids.length < 2)
		throw new HttpError(400, 'rooms: name two or more sessions of the workspace, comma separated');
	if (ids.length > MAX_COMPARED)
		throw new HttpError(400, `rooms: at most ${MAX_COMPARED} sessions in one comparison`);
	const own = new Set(app.workspaces.roomIds(id));
	const missing = ids.filter((roomId) => !own.has(roomId));
	if (missing.length)
		throw new HttpError(404, `rooms: this workspace has no session ${missing.join(', ')}`);
	const report = buildComparison({
		title: m.compare_title({ name: workspace.name }, { locale }),
		locale,
		sessions: ids.map((roomId) => comparedSession(app, app.rooms.get(roomId)!, locale))
	});
	const slug =
		workspace.name
			.normalize('NFKD')
			.replace(/[^\w\s-]/g, '')
			.trim()
			.replace(/\s+/g, '-')
			.toLowerCase()
			.slice(0, 50) || 'werkruimte';
	const out = (body: string | Uint8Array) => ({
		body,
		contentType: COMPARE_TYPES[format],
		fileName: `vergelijking-${slug}.${format}`
	});
	if (format === 'json') return out(JSON.stringify(report, null, 2));
	if (format === 'md') return out(reportToMarkdown(report));
	if (format === 'docx') return out(new Uint8Array(await reportToDocx(report)));
	const html = reportToHtml(report);
	return out(format === 'pdf' ? await renderPdf(html) : html);
}

/** Sessions one comparison may hold. */
export const MAX_COMPARED = 20;
