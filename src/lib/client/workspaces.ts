// The browser's side of workspaces (README, "HTTP API"), and what this browser remembers: the
// workspaces it opened and every console it opened ("Mijn sessies" on the start page).
import type { SessionSummary } from '$lib/workspace/session-summary';
import { ApiError, call } from './api';
import { localNames, readLocal, removeLocal, writeLocal } from './local-store';
import { consoleLink, fragmentWithout } from './storage';

const PREFIX = 'visiewerkplaats:';
const workspaceEntry = (id: string) => `${PREFIX}workspace:${id}`;

export type { SessionSummary };

export type WorkspaceInfo = {
	id: string;
	name: string;
	createdAt: string;
	role: 'owner' | 'co';
	coFacilitatorLinks: number;
	sessions: SessionSummary[];
};

export type CreatedWorkspace = { id: string; name: string; key: string; url: string };

/** Keys travel in a header, never in the address: addresses end up in proxy and access logs. */
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

const base = (id: string) => `/api/workspaces/${encodeURIComponent(id)}`;

/** The summary of each remembered console; `null` for one that is gone or no longer opens. */
export const mySessions = (sessions: { id: string; key: string }[]) =>
	call<{ sessions: { id: string; summary: SessionSummary | null }[] }>('/api/my-sessions', {
		method: 'POST',
		body: JSON.stringify({ sessions })
	});

export const createWorkspace = (name: string) =>
	call<CreatedWorkspace>('/api/workspaces', { method: 'POST', body: JSON.stringify({ name }) });

export const importWorkspace = (text: string) =>
	call<CreatedWorkspace>('/api/workspaces/import', { method: 'POST', body: text });

export const workspaceInfo = (id: string, key: string) =>
	call<WorkspaceInfo>(base(id), { headers: bearer(key) });

export const startSession = (
	id: string,
	key: string,
	session: { workshop: string; title: string; variant: string }
) =>
	call<{ id: string; facilitatorKey: string; viewerKey: string }>(`${base(id)}/sessions`, {
		method: 'POST',
		headers: bearer(key),
		body: JSON.stringify(session)
	});

export const sessionKeys = (id: string, key: string, roomId: string) =>
	call<{ facilitatorKey: string; viewerKey: string }>(
		`${base(id)}/sessions/${encodeURIComponent(roomId)}/console`,
		{ method: 'POST', headers: bearer(key) }
	);

export const addCoFacilitator = (id: string, key: string) =>
	call<{ key: string; url: string }>(`${base(id)}/keys`, { method: 'POST', headers: bearer(key) });

export const revokeCoFacilitators = (id: string, key: string) =>
	call<{ revoked: number }>(`${base(id)}/keys`, { method: 'DELETE', headers: bearer(key) });

export const eraseWorkspace = (id: string, key: string, count: number) =>
	call<{ erased: number }>(`${base(id)}?confirm=${count}`, {
		method: 'DELETE',
		headers: bearer(key)
	});

/** The workspace as one JSON file, as the browser downloads it (the key in a header). */
export async function exportWorkspace(id: string, key: string, names: boolean): Promise<Blob> {
	const response = await fetch(`${base(id)}/export.json${names ? '?names=1' : ''}`, {
		headers: bearer(key)
	});
	if (!response.ok) {
		const body = await response.json().catch(() => ({}));
		throw new ApiError(response.status, body.error ?? response.statusText);
	}
	return response.blob();
}

/** The comparison report of two or more sessions, as the browser downloads it. */
export async function compareReport(
	id: string,
	key: string,
	rooms: string[],
	format: string,
	lang: string
): Promise<Blob> {
	const query = new URLSearchParams({ rooms: rooms.join(','), lang });
	const response = await fetch(`${base(id)}/compare.${format}?${query}`, { headers: bearer(key) });
	if (!response.ok) {
		const body = await response.json().catch(() => ({}));
		throw new ApiError(response.status, body.error ?? response.statusText);
	}
	return response.blob();
}

/** The console address of a session, opened with its keys (taken out of the bar at once). */
export function sessionConsolePath(
	roomId: string,
	keys: { facilitatorKey: string; viewerKey: string }
) {
	const url = new URL(consoleLink(location.origin, roomId, keys.facilitatorKey, keys.viewerKey));
	return url.pathname + url.hash;
}

export type RememberedWorkspace = { id: string; key: string; name: string };

export function rememberWorkspace(workspace: RememberedWorkspace): void {
	writeLocal(
		workspaceEntry(workspace.id),
		JSON.stringify({ key: workspace.key, name: workspace.name })
	);
}

export function rememberedWorkspace(id: string): RememberedWorkspace | null {
	const raw = readLocal(workspaceEntry(id));
	if (!raw) return null;
	try {
		const value = JSON.parse(raw) as Partial<RememberedWorkspace>;
		return value.key ? { id, key: value.key, name: value.name ?? '' } : null;
	} catch {
		return null;
	}
}

export function rememberedWorkspaces(): RememberedWorkspace[] {
	return localNames()
		.filter((name) => name.startsWith(`${PREFIX}workspace:`))
		.map((name) => rememberedWorkspace(name.slice(`${PREFIX}workspace:`.length)))
		.filter((w): w is RememberedWorkspace => w !== null)
		.sort((a, b) => a.name.localeCompare(b.name));
}

export function forgetWorkspace(id: string): void {
	removeLocal(workspaceEntry(id));
}

/**
 * The workspace key of the page: from the fragment (`#key=…`, then taken out of the address bar
 * and history at once, like a console's keys), or the one this browser remembers.
 */
export function takeWorkspaceKey(id: string): string | null {
	const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
	const given = fragment.get('key');
	if (given) rememberWorkspace({ id, key: given, name: rememberedWorkspace(id)?.name ?? '' });
	const rest = fragmentWithout(location.hash, ['key']);
	if (rest !== null)
		history.replaceState(history.state, '', `${location.pathname}${location.search}${rest}`);
	return given || rememberedWorkspace(id)?.key || null;
}

/** The consoles this browser opened: each room whose facilitator key it keeps. */
export function rememberedConsoles(): string[] {
	return localNames()
		.map((name) => /^visiewerkplaats:([A-Za-z0-9_-]+):facilitator$/.exec(name)?.[1])
		.filter((id): id is string => !!id);
}

export function forgetConsole(roomId: string): void {
	for (const role of ['facilitator', 'viewer']) removeLocal(`${PREFIX}${roomId}:${role}`);
}

export function facilitatorKeyOf(roomId: string): string | null {
	return readLocal(`${PREFIX}${roomId}:facilitator`);
}
