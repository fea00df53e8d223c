import * as v from 'valibot';
import { id } from '../../workshop/schema';
import type { SeedItem } from '../../workshop/types';
import { only } from '../shared-options';

/** An assessment: each rates the items of a seed (the building blocks, or any other seed). */
export type AssessmentOptions = {
	/** The seed whose items are rated. */
	blocks?: string;
	/** Only these items of the seed, in this order. */
	only?: string[];
	/** The seed's items, filled in by the loader from `blocks` (or `tags`) and `only`. */
	seedItems?: SeedItem[];
};

export const assessmentOptions = { blocks: v.optional(id('blocks')), only };
