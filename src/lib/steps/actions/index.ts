import type { StepKind } from '../kind';
import { DEFAULT_ACTION_VOTES } from '../../board/actions';
import { noteBlocks } from '../../report/blocks';
import { actionsOptions } from './options';
import { actionBlocks, actionRows } from './report';

export const actions: StepKind = {
	type: 'actions',
	noun: 'an actions step',
	options: actionsOptions,
	report: (input, step) => [...noteBlocks(input, step), ...actionBlocks(input, step)],
	csv: actionRows,
	writes: { actions: true, dots: (step) => step.options?.votes ?? DEFAULT_ACTION_VOTES }
};
