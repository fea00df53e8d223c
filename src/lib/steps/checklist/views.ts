import type { StepViews } from '../view-types';
import ChecklistConsole from './ChecklistConsole.svelte';
import ChecklistParticipant from './ChecklistParticipant.svelte';
import ChecklistProjector from './ChecklistProjector.svelte';

export default {
	console: ChecklistConsole,
	participant: ChecklistParticipant,
	projector: ChecklistProjector
} satisfies StepViews;
