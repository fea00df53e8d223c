import type { StepViews } from '../view-types';
import VoteConsole from './VoteConsole.svelte';
import VoteParticipant from './participant';
import VoteProjector from './VoteProjector.svelte';

export default {
	console: VoteConsole,
	participant: VoteParticipant,
	projector: VoteProjector
} satisfies StepViews;
