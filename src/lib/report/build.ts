import { MAX_SYNTHESIS, visibleNotes } from '../board';
import { m } from '../paraglide/messages';
import { stepKind } from '../steps/registry';
import { formatSource } from '../workshop/sources';
import type { WorkshopStep } from '../workshop/types';
import { noteBlocks, type ReportInput } from './blocks';
import { REPORT_VERSION, type Report, type ReportBlock, type ReportSection } from './model';
import { isoTime, truncate } from './text';

export type { ReportInput } from './blocks';

export function buildReport(input: ReportInput): Report {
	const { snapshot, workshop, locale } = input;
	const visible = visibleNotes(snapshot.board.notes);
	const sections = workshop.steps
		// A kind without a report section (info) has none; an unknown kind shows its notes.
		.filter((step) => stepKind(step.type)?.report !== null)
		.map((step) => stepSection(input, step));
	const synthesis = (id: string, title: string): ReportSection => ({
		id,
		title,
		synthesis: synthesisOf(input, id),
		blocks: []
	});
	return {
		version: REPORT_VERSION,
		locale,
		title: input.title,
		workshopTitle: workshop.title[locale],
		date: isoTime(input.createdAt).slice(0, 10),
		participants: input.participants,
		contributions: visible.length + snapshot.board.actions.filter((a) => !a.hidden).length,
		sections: [
			{
				id: 'intro',
				title: m.report_intro_title({}, { locale }),
				synthesis: '',
				blocks: [{ kind: 'text', text: workshop.description[locale] }]
			},
			...sections,
			synthesis('vision', m.report_vision({}, { locale })),
			synthesis('agreements', m.report_agreements({}, { locale }))
		],
		sources: (workshop.sources ?? []).map((source) => formatSource(source, locale))
	};
}

// Participant texts are cut at the board's limits: a room stored before the server enforced them
// may hold a note of a megabyte, and no stored value may blow up a report (the PDF of such a note
// took minutes).
const synthesisOf = (input: ReportInput, id: string) =>
	truncate(input.snapshot.control.synthesis[id] ?? '', MAX_SYNTHESIS);

function stepSection(input: ReportInput, step: WorkshopStep): ReportSection {
	const blocks = stepBlocks(input, step);
	return {
		id: step.id,
		title: step.title[input.locale],
		synthesis: synthesisOf(input, step.id),
		blocks: blocks.length
			? blocks
			: [{ kind: 'text', text: m.report_none({}, { locale: input.locale }) }]
	};
}

/** The step's kind builds its blocks (src/lib/steps/<kind>/report.ts); by default its notes. */
function stepBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const report = stepKind(step.type)?.report ?? noteBlocks;
	return report(input, step);
}
