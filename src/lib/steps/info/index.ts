import type { StepKind } from '../kind';
import { infoOptions } from './options';

/** Information on the projector, optionally next to an earlier step's words (`recap`). */
export const info: StepKind = {
	type: 'info',
	noun: 'an info step',
	options: infoOptions,
	check(step, context) {
		const recap = step.recap as string | undefined;
		if (recap && !context.earlier.has(recap))
			context.fail(['recap'], `recap must name an earlier step, not "${recap}"`);
	},
	// Nothing to report: an info step has no input.
	report: null
};
