// Option keys that more than one kind reads, written once so the schema has one rule per key.
import * as v from 'valibot';
import { id } from '../workshop/schema';

/** Dots per participant (brainstorm, round, actions). */
export const votes = v.optional(
	v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20, 'votes must be at most 20'))
);

/** Only these items of the step's seed, in this order (assessment, actions). */
export const only = v.optional(
	v.pipe(
		v.array(id('only'), 'only must be a list of ids'),
		v.minLength(1, 'only needs at least one id')
	)
);
