import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { admittingRoom, JoinBody } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { handle, readBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

const CheckBody = v.object({ code: JoinBody.entries.code });

/**
 * Whether a join code would let someone in now, without joining: the join page asks this before
 * it says "Welkom", so a mistyped code is caught in the field it was typed in. It counts as a
 * join attempt (the same throttles and wrong-code budget as POST /api/join).
 */
export const POST: RequestHandler = ({ request, getClientAddress }) =>
	handle(async () => {
		const app = getApp();
		const body = await readBody(request, CheckBody, app.config.limits.maxBodyBytes);
		const room = admittingRoom(app, body.code, getClientAddress());
		return json({ code: room.joinCode, title: room.title });
	});
