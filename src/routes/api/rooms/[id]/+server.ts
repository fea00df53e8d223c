import { json } from '@sveltejs/kit';
import { deleteRoom, roomInfo } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { handle } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) =>
	handle(() => json(roomInfo(getApp(), params.id, url.searchParams.get('key'))));

export const DELETE: RequestHandler = ({ params, url }) =>
	handle(() => {
		deleteRoom(getApp(), params.id, url.searchParams.get('key'));
		return new Response(null, { status: 204 });
	});
