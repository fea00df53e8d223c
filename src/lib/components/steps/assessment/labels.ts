// Presentation helpers shared by the assessment views: which blocks a step uses, and their labels.
import type { Rating } from '$lib/board';
import { m } from '$lib/paraglide/messages';
import type { BuildingBlock } from '$lib/workshop/seeds';
import type { Workshop, WorkshopStep } from '$lib/workshop/types';

/** The building blocks an assessment step rates, from the seed the workshop carries. */
export function stepBlocks(workshop: Workshop, step: WorkshopStep): BuildingBlock[] {
	const seed = step.options?.blocks;
	return (seed && workshop.blocks?.[seed]) || [];
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
