import type { StepViews } from '../view-types';
import InfoParticipant from './participant';
import InfoProjector from './InfoProjector.svelte';

/** No console view (the facilitator's notes and the agenda are enough); the projector shows the text. */
export default {
	participant: InfoParticipant,
	projector: InfoProjector,
	projectorText: true
} satisfies StepViews;
