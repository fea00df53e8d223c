import type { StepViews } from '../view-types';
import ChecklistConsole from './ChecklistConsole.svelte';
import ChecklistParticipant from './participant';
import ChecklistProjector from './ChecklistProjector.svelte';

export default {
	console: ChecklistConsole,
	participant: ChecklistParticipant,
	projector: ChecklistProjector
} satisfies StepViews;
