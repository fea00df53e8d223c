import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { handle, keyOf } from '$lib/server/http';
import { eraseWorkspace, workspaceInfo } from '$lib/server/workspace-api';
import type { RequestHandler } from './$types';

const PRIVATE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(() => json(workspaceInfo(getApp(), params.id, keyOf(request, url)), { headers: PRIVATE }));

export const DELETE: RequestHandler = ({ params, request, url }) =>
	handle(() =>
		json(eraseWorkspace(getApp(), params.id, keyOf(request, url), url.searchParams.get('confirm')))
	);
