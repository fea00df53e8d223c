import { json } from '@sveltejs/kit';
import { joinRoom, JoinBody } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { handle, readBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, getClientAddress }) =>
	handle(async () => {
		const app = getApp();
		const body = await readBody(request, JoinBody, app.config.limits.maxBodyBytes);
		return json(joinRoom(app, body, getClientAddress()));
	});
