import * as v from 'valibot';
import { id } from '../../workshop/schema';

/** Information on the projector, optionally next to an earlier step's words. */
export type InfoOptions = {
	/** Show the board of an earlier step next to the content. */
	recap?: string;
};

export const infoOptions = { recap: v.optional(id('recap')) };
