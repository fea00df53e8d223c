// The step views a phone loads: each kind's participant view (<kind>/participant.ts) only when a
// step of that kind comes up. The console and the projector use views.ts, which imports every
// kind's three views at once; a participant's phone on a slow network downloads neither the
// console's nor the projector's code (issue 15), not even of the kinds it shows. Same folders,
// same components.
import { extraViews } from './extra-views';
import { registeredViews } from './registered-views';
import type { StepViews } from './view-types';

type ParticipantView = NonNullable<StepViews['participant']>;

const loaders = import.meta.glob<ParticipantView>('./*/participant.ts', { import: 'default' });
const byType = new Map(
	Object.entries(loaders).map(([path, load]) => [path.split('/')[1]!, load] as const)
);
const ready = new Map<string, ParticipantView>();
const loading = new Map<string, Promise<ParticipantView | undefined>>();

/**
 * The participant view of a step type: at once when it is known (loaded before, registered, or
 * built in as an extra kind), so it shows without a blank frame; otherwise a promise of it,
 * loaded the first time it is needed.
 */
export function loadParticipantView(
	type: string
): ParticipantView | undefined | Promise<ParticipantView | undefined> {
	const known =
		registeredViews(type)?.participant ??
		ready.get(type) ??
		(extraViews as Record<string, StepViews>)[type]?.participant;
	if (known) return known;
	let pending = loading.get(type);
	if (!pending) {
		pending = (byType.get(type)?.() ?? Promise.resolve(undefined)).then(
			(view) => {
				if (view) ready.set(type, view);
				return view;
			},
			(error: unknown) => {
				// The code could not be fetched (no network): the next call tries again.
				loading.delete(type);
				throw error;
			}
		);
		loading.set(type, pending);
	}
	return pending;
}

/**
 * Loads the participant views of these step types in the background, so that a later step of
 * another kind shows at once instead of 40 phones fetching its code on the room's Wi-Fi at the
 * moment the facilitator moves on.
 */
export function preloadParticipantViews(types: Iterable<string>): void {
	for (const type of new Set(types)) {
		const view = loadParticipantView(type);
		if (view instanceof Promise) view.catch(() => {}); // tried again when the step comes up
	}
}
