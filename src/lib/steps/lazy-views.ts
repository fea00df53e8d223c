// The step views a phone loads: each kind's views.ts only when a step of that kind comes up.
// The console and the projector use views.ts, which imports every kind at once; a participant's
// phone on a slow network should not download the console's and projector's code of every kind
// (issue 15: the participant route's JavaScript ≤ 60 KB gzip). Same folders, same views.
import { extraViews } from './extra-views';
import { registeredViews } from './registered-views';
import type { StepViews } from './view-types';

const loaders = import.meta.glob<StepViews>('./*/views.ts', { import: 'default' });
const byType = new Map(
	Object.entries(loaders).map(([path, load]) => [path.split('/')[1]!, load] as const)
);
const ready = new Map<string, StepViews>();
const loading = new Map<string, Promise<StepViews | undefined>>();

/**
 * The views of a step type: at once when they are known (loaded before, registered, or built in
 * as an extra kind), so a view shows without a blank frame; otherwise a promise of them, loaded
 * the first time they are needed.
 */
export function loadStepViews(
	type: string
): StepViews | undefined | Promise<StepViews | undefined> {
	const known =
		registeredViews(type) ?? ready.get(type) ?? (extraViews as Record<string, StepViews>)[type];
	if (known) return known;
	let pending = loading.get(type);
	if (!pending) {
		pending = (byType.get(type)?.() ?? Promise.resolve(undefined)).then((views) => {
			if (views) ready.set(type, views);
			return views;
		});
		loading.set(type, pending);
	}
	return pending;
}
