import { redirect } from '@sveltejs/kit';
import { readJoinCode } from '$lib/join-code';
import type { RequestHandler } from './$types';

// The join page's "try again" form without script (`GET /join?code=…`): on to that code's page.
export const GET: RequestHandler = ({ url }) => {
	const typed = (url.searchParams.get('code') ?? '').trim().slice(0, 20);
	const code = readJoinCode(typed) ?? typed;
	redirect(303, code ? `/join/${encodeURIComponent(code)}` : '/');
};
