import * as v from 'valibot';
import { choice } from '../../workshop/schema';
import type { Choice } from '../../workshop/types';
import { votes } from '../shared-options';

/** A brainstorm (and a round): notes in columns, as words, silent until revealed, with dots. */
export type BrainstormOptions = {
	/** Prompt columns (step 4 has five). */
	columns?: Choice[];
	/** One-word answers shown as a word cloud. */
	words?: boolean;
	/** Dots per participant. */
	votes?: number;
	/** Notes stay private until the facilitator reveals them. */
	silent?: boolean;
};

export const brainstormOptions = {
	columns: v.optional(v.array(choice('column'))),
	words: v.optional(v.boolean('words must be true or false')),
	votes,
	silent: v.optional(v.boolean('silent must be true or false'))
};
