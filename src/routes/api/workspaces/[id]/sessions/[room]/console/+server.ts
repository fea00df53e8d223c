import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { handle, keyOf } from '$lib/server/http';
import { sessionKeys } from '$lib/server/workspace-api';
import type { RequestHandler } from './$types';

// POST: the answer holds keys, and is never cached nor prefetched.
export const POST: RequestHandler = ({ params, request, url }) =>
	handle(() =>
		json(sessionKeys(getApp(), params.id, keyOf(request, url), params.room), {
			headers: { 'cache-control': 'no-store' }
		})
	);
