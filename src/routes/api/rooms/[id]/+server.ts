import { json } from '@sveltejs/kit';
import { deleteRoom, roomInfo } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { handle, keyOf } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(() => json(roomInfo(getApp(), params.id, keyOf(request, url))));

export const DELETE: RequestHandler = ({ params, request, url }) =>
	handle(() => {
		deleteRoom(getApp(), params.id, keyOf(request, url));
		return new Response(null, { status: 204 });
	});
