import { json } from '@sveltejs/kit';
import { getJoining, JoiningBody, setJoining } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { handle, keyOf, readBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(() => json(getJoining(getApp(), params.id, keyOf(request, url))));

export const POST: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		const app = getApp();
		const key = keyOf(request, url);
		// The key is checked before the body is read: no body is parsed for a stranger.
		getJoining(app, params.id, key);
		const body = await readBody(request, JoiningBody, app.config.limits.maxBodyBytes);
		return json(setJoining(app, params.id, key, body.open));
	});
