import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { publishedFeedback } from '$lib/server/feedback';
import type { PageServerLoad } from './$types';

// A public page: rendered on the server, readable without JavaScript, and never cached longer
// than a minute, so that unpublishing takes it away.
export const load: PageServerLoad = ({ params, setHeaders }) => {
	const page = publishedFeedback(getApp(), params.id);
	setHeaders({ 'cache-control': 'public, max-age=60' });
	if (!page) error(404, 'not published');
	return { page, id: params.id };
};
