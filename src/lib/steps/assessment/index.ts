import type { StepKind } from '../kind';
import { assessmentOptions } from './options';
import { assessmentBlocks, ratingRows } from './report';

export const assessment: StepKind = {
	type: 'assessment',
	noun: 'an assessment step',
	options: assessmentOptions,
	check(step, context) {
		if (!step.blocks) context.fail([], 'an assessment needs "blocks" (a seed id)');
	},
	report: assessmentBlocks,
	csv: ratingRows
};
