import type { WorkshopStep } from '../../workshop/types';
import type { StepKind } from '../kind';
import { assessmentOptions } from './options';
import { assessmentBlocks, ratingRows } from './report';

const blocksOf = (step: WorkshopStep) => step.options?.seedItems?.map((item) => item.id) ?? [];

export const assessment: StepKind = {
	type: 'assessment',
	noun: 'an assessment step',
	options: assessmentOptions,
	check(step, context) {
		if (!step.blocks) context.fail([], 'an assessment needs "blocks" (a seed id)');
	},
	report: assessmentBlocks,
	csv: ratingRows,
	// A rating per block, and examples: notes under the block they illustrate.
	writes: { notes: blocksOf, ratings: blocksOf }
};
