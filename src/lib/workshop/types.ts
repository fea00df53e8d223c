export type Locale = 'nl' | 'en';
export type Localized = Record<Locale, string>;

export type StepType =
	'round' | 'info' | 'brainstorm' | 'checklist' | 'assessment' | 'actions' | 'vote';

export type WorkshopStep = {
	id: string;
	type: StepType;
	minutes: number;
	title: Localized;
	prompt: Localized;
};

export type Workshop = {
	id: string;
	title: Localized;
	description: Localized;
	minutes: number;
	locales: Locale[];
	steps: WorkshopStep[];
};

/** The public summary served by GET /api/workshops. */
export type WorkshopSummary = Omit<Workshop, 'steps'> & { stepCount: number };

export function summarize(workshop: Workshop): WorkshopSummary {
	const { steps, ...rest } = workshop;
	return { ...rest, stepCount: steps.length };
}
