import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	const app = getApp();
	app.db.prepare('SELECT 1').get();
	return json({ status: 'ok', ...app.sync.stats() });
};
