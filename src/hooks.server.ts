import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

// Page URLs can carry keys (in the fragment, and in report links): never pass them on. The join
// page's address holds no key, and its form must work before its script runs: under no-referrer
// a browser sends `Origin: null` with a form post, which SvelteKit refuses as cross-site.
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const joinPage = event.url.pathname.startsWith('/join/');
	response.headers.set('Referrer-Policy', joinPage ? 'same-origin' : 'no-referrer');
	response.headers.set('X-Content-Type-Options', 'nosniff');
	return response;
};

export const handle = sequence(securityHeaders, i18n);
