import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import {
	feedbackState,
	publishFeedback,
	PublishBody,
	unpublishFeedback
} from '$lib/server/feedback';
import { handle, keyOf, readBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

const PRIVATE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(() => json(feedbackState(getApp(), params.id, keyOf(request, url)), { headers: PRIVATE }));

export const POST: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		const app = getApp();
		const key = keyOf(request, url);
		const body = await readBody(request, PublishBody, app.config.limits.maxBodyBytes);
		return json(publishFeedback(app, params.id, key, body.lang), { headers: PRIVATE });
	});

export const DELETE: RequestHandler = ({ params, request, url }) =>
	handle(() =>
		json(unpublishFeedback(getApp(), params.id, keyOf(request, url)), { headers: PRIVATE })
	);
