import type { StepViews } from '../view-types';
import AssessmentConsole from './AssessmentConsole.svelte';
import AssessmentParticipant from './participant';
import AssessmentProjector from './AssessmentProjector.svelte';

export default {
	console: AssessmentConsole,
	participant: AssessmentParticipant,
	projector: AssessmentProjector
} satisfies StepViews;
