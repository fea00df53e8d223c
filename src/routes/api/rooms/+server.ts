import { json } from '@sveltejs/kit';
import { createRoom, CreateRoomBody } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { handle, readBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url }) =>
	handle(async () => {
		const app = getApp();
		const body = await readBody(request, CreateRoomBody, app.config.limits.maxBodyBytes);
		return json(createRoom(app, body, url.origin), { status: 201 });
	});
