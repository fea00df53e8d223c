import * as v from 'valibot';
import { choice } from '../../workshop/schema';
import type { Choice } from '../../workshop/types';

/** A checklist: the items the group answers yes, partly or no. */
export type ChecklistOptions = { items?: Choice[] };

export const checklistOptions = { items: v.optional(v.array(choice('item'))) };
