import type { StepViews } from '../view-types';
import ActionsConsole from './ActionsConsole.svelte';
import ActionsParticipant from './participant';
import ActionsProjector from './ActionsProjector.svelte';

export default {
	console: ActionsConsole,
	participant: ActionsParticipant,
	projector: ActionsProjector
} satisfies StepViews;
