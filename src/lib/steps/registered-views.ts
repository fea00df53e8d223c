// Views of kinds added while the app runs (a test's demo kind, a plug-in), kept apart from the
// kinds' folders so that both the eager lookup (views.ts) and the phone's lazy one
// (lazy-views.ts) see them without either importing the other.
import type { StepViews } from './view-types';

const registered = new Map<string, StepViews>();

/** The views registered for a step type, if any. */
export const registeredViews = (type: string): StepViews | undefined => registered.get(type);

/** Registers the views of a type; returns how to remove them. */
export function registerViews(type: string, views: StepViews): () => void {
	if (registered.has(type)) throw new Error(`step type "${type}" already has views`);
	registered.set(type, views);
	return () => void registered.delete(type);
}
