import { json } from '@sveltejs/kit';
import { listWorkshops } from '$lib/workshop/catalog';
import { summarize } from '$lib/workshop/types';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => json({ workshops: listWorkshops().map(summarize) });
