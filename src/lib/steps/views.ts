// The views of every step kind: src/lib/steps/<kind>/views.ts, found by folder (the folder is
// named after the kind's type), so a new kind needs no line here. The console, participant and
// projector pages (components/steps/*Step.svelte) look a step's views up instead of branching.
import { extraViews } from './extra-views';
import { registeredViews, registerViews } from './registered-views';
import type { StepViews } from './view-types';

const found = import.meta.glob<StepViews>('./*/views.ts', { eager: true, import: 'default' });
const views = new Map<string, StepViews>([
	...Object.entries(found).map(([path, kindViews]) => [path.split('/')[1]!, kindViews] as const),
	...Object.entries(extraViews)
]);

/** The views of a step type; a type without views shows nothing of its own. */
export const stepViews = (type: string): StepViews | undefined =>
	views.get(type) ?? registeredViews(type);

/** Adds the views of a kind outside this folder (a test's demo kind); returns how to remove them. */
export function registerStepViews(type: string, kindViews: StepViews): () => void {
	if (views.has(type)) throw new Error(`step type "${type}" already has views`);
	return registerViews(type, kindViews);
}
