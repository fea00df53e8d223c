import type { StepViews } from '../view-types';
import NotesConsole from './NotesConsole.svelte';
import NotesParticipant from './participant';
import NotesProjector from './NotesProjector.svelte';

export default {
	console: NotesConsole,
	participant: NotesParticipant,
	projector: NotesProjector
} satisfies StepViews;
