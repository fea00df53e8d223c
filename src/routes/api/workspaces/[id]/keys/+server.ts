import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { handle, keyOf } from '$lib/server/http';
import { addCoFacilitator, revokeCoFacilitators } from '$lib/server/workspace-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ params, request, url }) =>
	handle(() =>
		json(addCoFacilitator(getApp(), params.id, keyOf(request, url), url.origin), {
			status: 201,
			headers: { 'cache-control': 'no-store' }
		})
	);

export const DELETE: RequestHandler = ({ params, request, url }) =>
	handle(() => json(revokeCoFacilitators(getApp(), params.id, keyOf(request, url))));
