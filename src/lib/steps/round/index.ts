import type { StepKind } from '../kind';
import { brainstormOptions } from '../brainstorm/options';
import { loadNotesOptions, notesWrites } from '../brainstorm';

/** A round: each says one thing in turn, on a note; the brainstorm's views and report. */
export const round: StepKind = {
	type: 'round',
	noun: 'a round step',
	options: brainstormOptions,
	load: loadNotesOptions,
	writes: notesWrites
};
