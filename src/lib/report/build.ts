import { MAX_SYNTHESIS, visibleNotes } from '../board';
import { m } from '../paraglide/messages';
import { stepKind } from '../steps/registry';
import { formatSource } from '../workshop/sources';
import type { Locale, Workshop, WorkshopStep } from '../workshop/types';
import { noteBlocks, type ReportInput } from './blocks';
import { REPORT_VERSION, type Report, type ReportBlock, type ReportSection } from './model';
import { isoTime, truncate } from './text';
import { visionSections } from './vision';

const DATE_LOCALES: Record<Locale, string> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE' };

/** The session's date in words in the report's language, in Belgian time; '' when unknown. */
export function dateInWords(time: unknown, locale: Locale): string {
	if (!isoTime(time)) return '';
	return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
		dateStyle: 'long',
		timeZone: 'Europe/Brussels'
	}).format(new Date(time as number));
}

export type { ReportInput } from './blocks';

/** The planned length: the variant's minutes (its steps may add up to a little more or less). */
export function plannedMinutes(workshop: Workshop, variant: string | undefined): number {
	const chosen = workshop.variants?.find((v) => v.id === variant);
	return chosen?.minutes ?? (Number.isFinite(workshop.minutes) ? workshop.minutes : 0);
}

/** A step whose notes are personal (a round: introductions, expectations). */
export const isPrivateStep = (step: WorkshopStep) => step.type === 'round';

export function buildReport(input: ReportInput): Report {
	const { snapshot, workshop, locale } = input;
	const visible = visibleNotes(snapshot.board.notes);
	const sections = workshop.steps
		// A kind without a report section (info) has none; an unknown kind shows its notes.
		.filter((step) => stepKind(step.type)?.report !== null)
		.map((step) => stepSection(input, step));
	const sources = (workshop.sources ?? []).map((source) => formatSource(source, locale));
	const variant = workshop.variants?.find((v) => v.id === input.variant);
	return {
		version: REPORT_VERSION,
		locale,
		title: input.title,
		workshopTitle: workshop.title[locale],
		date: isoTime(input.createdAt).slice(0, 10),
		dateText: dateInWords(input.createdAt, locale),
		variant: variant?.title[locale] ?? '',
		minutes: plannedMinutes(workshop, input.variant),
		participants: input.participants,
		contributions: visible.length + snapshot.board.actions.filter((a) => !a.hidden).length,
		sections: [
			// Part 1, the vision document; part 2, the annex: every contribution per step.
			...visionSections(input, (id) => synthesisOf(input, id), sources),
			{
				id: 'intro',
				title: m.report_intro_title({}, { locale }),
				synthesis: '',
				blocks: [{ kind: 'text', text: workshop.description[locale] }],
				part: 'annex'
			},
			...sections
		],
		sources
	};
}

// Participant texts are cut at the board's limits: a room stored before the server enforced them
// may hold a note of a megabyte, and no stored value may blow up a report (the PDF of such a note
// took minutes).
const synthesisOf = (input: ReportInput, id: string) =>
	truncate(input.snapshot.control.synthesis[id] ?? '', MAX_SYNTHESIS);

function stepSection(input: ReportInput, step: WorkshopStep): ReportSection {
	// A round holds introductions (names, personal details): only when the facilitator allows it.
	const blocks: ReportBlock[] =
		isPrivateStep(step) && !input.names
			? [{ kind: 'text', text: m.report_private_left_out({}, { locale: input.locale }) }]
			: stepBlocks(input, step);
	return {
		id: step.id,
		title: step.title[input.locale],
		synthesis: synthesisOf(input, step.id),
		blocks: blocks.length
			? blocks
			: [{ kind: 'text', text: m.report_none({}, { locale: input.locale }) }],
		part: 'annex'
	};
}

/** The step's kind builds its blocks (src/lib/steps/<kind>/report.ts); by default its notes. */
function stepBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const report = stepKind(step.type)?.report ?? noteBlocks;
	return report(input, step);
}
