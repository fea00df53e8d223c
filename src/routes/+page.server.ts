import { listWorkshops } from '$lib/workshop/catalog';
import { summarize } from '$lib/workshop/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ workshops: listWorkshops().map(summarize) });
