import type { StepKind } from '../kind';
import { voteOptions, type VoteOptions } from './options';
import { voteBlocks } from './report';

export const vote: StepKind = {
	type: 'vote',
	noun: 'a vote step',
	options: voteOptions,
	check(step, context) {
		if (!context.statements(step.statements, ['statements'])?.length)
			context.fail([], 'a vote needs "statements"');
	},
	load(step, context) {
		const options: VoteOptions = {
			statements: context.statements(step.statements, ['statements'])
		};
		if (step.rule) options.rule = step.rule as VoteOptions['rule'];
		return options;
	},
	report: voteBlocks,
	writes: { ballots: (step) => step.options?.statements?.map((s) => s.id) ?? [] }
};
