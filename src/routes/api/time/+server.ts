import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// The server's clock, for the browsers' timers: a phone whose clock is minutes off still shows
// the right remaining time (src/lib/client/server-clock.ts).
export const GET: RequestHandler = () =>
	json({ now: Date.now() }, { headers: { 'cache-control': 'no-store' } });
