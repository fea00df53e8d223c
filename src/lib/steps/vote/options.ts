import * as v from 'valibot';
import { choice, id } from '../../workshop/schema';
import type { Statement } from '../../workshop/types';

/** A vote on statements: for, against, abstain; an outcome by the step's rule. */
export type VoteOptions = {
	statements?: Statement[];
	/** How votes become an outcome. */
	rule?: 'majority' | 'two-thirds';
};

export const voteOptions = {
	statements: v.optional(
		v.union(
			[
				v.array(choice('statement')),
				v.strictObject({
					seed: id('statements seed'),
					ids: v.optional(v.array(id('statement id')))
				})
			],
			'statements must be a list of { id, title }, or { seed, ids } naming a seed'
		)
	),
	rule: v.optional(
		v.picklist(['majority', 'two-thirds'], 'rule must be "majority" or "two-thirds"')
	)
};
