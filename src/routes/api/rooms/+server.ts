import { json } from '@sveltejs/kit';
import { createRoom, CreateRoomBody } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { handle, readBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url }) =>
	handle(async () =>
		json(createRoom(getApp(), await readBody(request, CreateRoomBody), url.origin), { status: 201 })
	);
