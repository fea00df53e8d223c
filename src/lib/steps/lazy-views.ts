// The step views a phone loads: each kind's views.ts only when a step of that kind comes up.
// The console and the projector use views.ts, which imports every kind at once; a participant's
// phone on a slow network should not download the console's and projector's code of every kind
// (issue 15: the participant route's JavaScript ≤ 60 KB gzip). Same folders, same views.
import { extraViews } from './extra-views';
import type { StepViews } from './view-types';

const loaders = import.meta.glob<StepViews>('./*/views.ts', { import: 'default' });
const byType = new Map(
	Object.entries(loaders).map(([path, load]) => [path.split('/')[1]!, load] as const)
);
const loaded = new Map<string, Promise<StepViews | undefined>>();

/** The views of a step type, loaded the first time they are needed (then from memory). */
export function loadStepViews(type: string): Promise<StepViews | undefined> {
	let views = loaded.get(type);
	if (!views) {
		const extra = (extraViews as Record<string, StepViews>)[type];
		views = extra ? Promise.resolve(extra) : (byType.get(type)?.() ?? Promise.resolve(undefined));
		loaded.set(type, views);
	}
	return views;
}
