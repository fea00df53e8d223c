// Presentation helpers shared by the assessment views: which blocks a step uses, and their labels.
import type { Rating } from '$lib/board';
import { m } from '$lib/paraglide/messages';
import type { Localized, WorkshopStep } from '$lib/workshop/types';

/** What an assessment step rates: a building block, or an item of another seed (a principle …). */
export type RatedItem = {
	id: string;
	/** The framework group of a building block; '' for items of other seeds. */
	group: string;
	name: Localized;
	meaning?: Localized;
	question?: Localized;
};

/** The items an assessment step rates, as the loader filled them in from the step's seed. */
export function stepBlocks(step: WorkshopStep): RatedItem[] {
	return (step.options?.seedItems ?? []).map((item) => ({
		id: item.id,
		group: item.group ?? '',
		name: item.title,
		meaning: item.text,
		question: item.question
	}));
}

const ratingLabels: Record<Rating, () => string> = {
	strong: m.assessment_rating_strong,
	partly: m.assessment_rating_partly,
	notyet: m.assessment_rating_notyet,
	unknown: m.assessment_rating_unknown
};

export const ratingLabel = (rating: Rating): string => ratingLabels[rating]();

const groupLabels: Record<string, () => string> = {
	voorwaardenscheppend: m.assessment_group_voorwaardenscheppend,
	beleidsmatig: m.assessment_group_beleidsmatig,
	'minder-mazen': m.assessment_group_minder_mazen,
	'meer-net': m.assessment_group_meer_net
};

export const groupLabel = (group: string): string => groupLabels[group]?.() ?? group;
