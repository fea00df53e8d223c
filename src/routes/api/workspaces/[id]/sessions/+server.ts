import { json } from '@sveltejs/kit';
import { CreateRoomBody } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { handle, keyOf, readBody } from '$lib/server/http';
import { createSession } from '$lib/server/workspace-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		const app = getApp();
		const key = keyOf(request, url);
		const body = await readBody(request, CreateRoomBody, app.config.limits.maxBodyBytes);
		return json(createSession(app, params.id, key, body, url.origin), { status: 201 });
	});
