import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { handle, readBody } from '$lib/server/http';
import { importWorkspace, WorkspaceExportSchema } from '$lib/server/workspace-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url }) =>
	handle(async () => {
		const app = getApp();
		const body = await readBody(request, WorkspaceExportSchema, app.config.limits.maxImportBytes);
		return json(importWorkspace(app, body, url.origin), { status: 201 });
	});
