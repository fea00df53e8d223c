import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { handle, readBody } from '$lib/server/http';
import { createWorkspace, CreateWorkspaceBody } from '$lib/server/workspace-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url }) =>
	handle(async () => {
		const app = getApp();
		const body = await readBody(request, CreateWorkspaceBody, app.config.limits.maxBodyBytes);
		return json(createWorkspace(app, body, url.origin), { status: 201 });
	});
