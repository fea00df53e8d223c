import { listWorkshops } from '$lib/workshop/catalog';
import { inVariant, summarize } from '$lib/workshop/types';
import type { PageServerLoad } from './$types';

// Each workshop with the minutes and step count of each of its variants: the one-hour variant
// says 60 minutes and its own number of steps, not those of the whole workshop.
export const load: PageServerLoad = () => ({
	workshops: listWorkshops().map((workshop) => ({
		...summarize(workshop),
		variantSizes: Object.fromEntries(
			(workshop.variants ?? []).map((variant) => {
				const run = inVariant(workshop, variant.id);
				return [variant.id, { minutes: run.minutes, stepCount: run.steps.length }];
			})
		) as Record<string, { minutes: number; stepCount: number }>
	}))
});
