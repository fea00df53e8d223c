import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { handle, readBody } from '$lib/server/http';
import { mySessions, MySessionsBody } from '$lib/server/workspace-api';
import type { RequestHandler } from './$types';

// POST: the body carries facilitator keys, which must never be in an address.
export const POST: RequestHandler = ({ request }) =>
	handle(async () => {
		const app = getApp();
		const body = await readBody(request, MySessionsBody, app.config.limits.maxBodyBytes);
		return json(mySessions(app, body), { headers: { 'cache-control': 'no-store' } });
	});
