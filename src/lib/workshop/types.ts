import type { ActionsOptions } from '../steps/actions/options';
import type { AssessmentOptions } from '../steps/assessment/options';
import type { BrainstormOptions } from '../steps/brainstorm/options';
import type { ChecklistOptions } from '../steps/checklist/options';
import type { InfoOptions } from '../steps/info/options';
import type { VoteOptions } from '../steps/vote/options';

/** The languages of the interface and of content; Dutch first, the fallback for the others. */
export const LOCALES = ['nl', 'en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export type Localized = Record<Locale, string>;

export function isLocale(value: unknown): value is Locale {
	return (LOCALES as readonly unknown[]).includes(value);
}

/** The languages a workshop lacks: there its texts are shown in Dutch. */
export function missingLocales(workshop: { locales: readonly Locale[] }): Locale[] {
	return LOCALES.filter((locale) => !workshop.locales.includes(locale));
}

export const STEP_TYPES = [
	'info',
	'round',
	'brainstorm',
	'checklist',
	'assessment',
	'vote',
	'actions'
] as const;
export type StepType = (typeof STEP_TYPES)[number];

export type Choice = { id: string; title: Localized };

/**
 * A source a workshop or seed draws on, as the source documents give it: the report's "Bronnen"
 * and the projector's info steps print it.
 */
export type Source = {
	/** How a step names it in `sources`. */
	id: string;
	title: string;
	author?: string;
	/** As given: a year, or "z.d." where the source has no date. */
	year?: string;
	url?: string;
	/** What the workshop takes from it. */
	about?: Localized;
};

/** A term of the framework, explained in plain language where it appears (the glossary). */
export type GlossaryTerm = {
	id: string;
	/** The term as shown, per language. */
	term: Localized;
	/** Word forms that also count as the term (lower case), per language. */
	forms: Record<Locale, string[]>;
	/** A plain explanation (Dutch at B1 level). */
	explanation: Localized;
};

/** A track of an item (an action domain's track): what it means and examples from the source. */
export type Track = Choice & { text?: Localized; examples?: Localized[] };

/** One item of a seed, as a step uses it: a building block, a principle, an action domain … */
export type SeedItem = {
	id: string;
	/** The building block's group in the framework (enabling, policy, fewer holes, more net). */
	group?: string;
	title: Localized;
	/** What the item means (a building block's meaning, a reference item's text). */
	text?: Localized;
	/** The question a building block asks. */
	question?: Localized;
	/** Sub-items, such as an action domain's tracks. */
	tracks?: Track[];
};
/** A vote statement; `recorded` is the outcome an earlier assembly gave it (from a seed). */
export type Statement = Choice & {
	recorded?: 'approved' | 'not-approved';
	/** The full text, where the title is a summary (a resolution's text as voted). */
	text?: Localized;
};

/**
 * Options of a step: each kind's own type (src/lib/steps/<kind>/options.ts); which apply depends
 * on the step's type. One bag for all kinds, so views and the board read `step.options?.votes`.
 */
export type StepOptions = Partial<
	InfoOptions &
		BrainstormOptions &
		ChecklistOptions &
		AssessmentOptions &
		VoteOptions &
		ActionsOptions
> & {
	/** The ids of the workshop's sources this step shows (an info step prints them). */
	sources?: string[];
};

export type WorkshopStep = {
	id: string;
	type: StepType;
	/** Planned minutes in the workshop's default variant. */
	minutes: number;
	title: Localized;
	prompt: Localized;
	/** Markdown for the projector. */
	projector?: Localized;
	/** For the facilitator only: never sent to participants or the projector. */
	facilitatorNotes?: Localized;
	options?: StepOptions;
	/** Minutes per variant id; null where the variant skips the step. */
	minutesByVariant?: Record<string, number | null>;
};

export type Variant = { id: string; minutes: number; title: Localized };

export type Workshop = {
	id: string;
	title: Localized;
	description: Localized;
	minutes: number;
	/** The languages the workshop is complete in (checked by the loader); others fall back to nl. */
	locales: Locale[];
	steps: WorkshopStep[];
	variants?: Variant[];
	/** Every source the workshop and the seeds it uses draw on. */
	sources?: Source[];
	/** The framework's terms that appear in the workshop's participant texts, explained. */
	glossary?: GlossaryTerm[];
	/** Place in the list of workshops: lower first; workshops without one come last. */
	order?: number;
	/** Labels of ids used in the workshop (building blocks, items, columns), for reports. */
	labels?: Record<string, Localized>;
};

/** The public summary served by GET /api/workshops. */
export type WorkshopSummary = Omit<Workshop, 'steps' | 'labels'> & {
	stepCount: number;
};

export function summarize(workshop: Workshop): WorkshopSummary {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { steps, labels, ...rest } = workshop;
	return { ...rest, stepCount: steps.length };
}

/** The workshop as participants and the projector may see it: no facilitator notes. */
export function publicWorkshop(workshop: Workshop): Workshop {
	return {
		...workshop,
		steps: workshop.steps.map((step) => {
			// eslint-disable-next-line @typescript-eslint/no-unused-vars
			const { facilitatorNotes, ...rest } = step;
			return rest;
		})
	};
}

/** The workshop as run in one variant: its minutes, without the steps it skips. */
export function inVariant(workshop: Workshop, variantId: string | undefined): Workshop {
	const variant = workshop.variants?.find((v) => v.id === variantId);
	if (!variant) return workshop;
	const steps = workshop.steps.flatMap((step) => {
		if (!step.minutesByVariant) return [step];
		const minutes = step.minutesByVariant[variant.id];
		return minutes === null || minutes === undefined ? [] : [{ ...step, minutes }];
	});
	return { ...workshop, steps, minutes: steps.reduce((sum, step) => sum + step.minutes, 0) };
}
