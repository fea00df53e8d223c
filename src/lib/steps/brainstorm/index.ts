import {
	declared,
	type LoadContext,
	type ParticipantWrites,
	type RawStep,
	type StepKind
} from '../kind';
import type { Choice } from '../../workshop/types';
import { brainstormOptions } from './options';

/** Columns in every language of the workshop. */
export const localizeChoices = (choices: unknown, context: LoadContext): Choice[] | undefined =>
	(choices as Choice[] | undefined)?.map((c) => ({ id: c.id, title: context.localize(c.title) }));

export const loadNotesOptions = (step: RawStep, context: LoadContext) => {
	const options = declared(step, brainstormOptions);
	if (step.columns) options.columns = localizeChoices(step.columns, context);
	return options;
};

/** Notes in the step's columns, and dots when the step gives votes (a round, a brainstorm). */
export const notesWrites: ParticipantWrites = {
	notes: (step) => step.options?.columns?.map((c) => c.id) ?? [],
	dots: (step) => step.options?.votes ?? 0
};

/** Notes from everyone, in columns or as words, clustered and dotted; the report lists them. */
export const brainstorm: StepKind = {
	type: 'brainstorm',
	noun: 'a brainstorm step',
	options: brainstormOptions,
	load: loadNotesOptions,
	writes: notesWrites
};
