import { localizeChoices } from '../brainstorm';
import type { StepKind } from '../kind';
import { checklistOptions } from './options';
import { checklistBlocks, checklistRows } from './report';

export const checklist: StepKind = {
	type: 'checklist',
	noun: 'a checklist step',
	options: checklistOptions,
	check(step, context) {
		if (!(step.items as unknown[] | undefined)?.length)
			context.fail([], 'a checklist needs "items"');
	},
	load: (step, context) => ({ items: localizeChoices(step.items, context) }),
	report: checklistBlocks,
	csv: checklistRows,
	// The group's answer is the facilitator's; a participant proposes one.
	writes: { checkProposals: (step) => step.options?.items?.map((i) => i.id) ?? [] }
};
