import * as v from 'valibot';
import { id } from '../../workshop/schema';
import type { SeedItem } from '../../workshop/types';
import { only, votes } from '../shared-options';

/** Actions: proposals tagged with a seed's item (a building block by default), dotted. */
export type ActionsOptions = {
	/** Dots per participant. */
	votes?: number;
	/** The seed whose items (and their tracks) tag an action, instead of a building block. */
	tags?: string;
	/** Only these items of the seed, in this order. */
	only?: string[];
	/** The seed's items, filled in by the loader from `tags` and `only`. */
	seedItems?: SeedItem[];
};

export const actionsOptions = { votes, tags: v.optional(id('tags')), only };
