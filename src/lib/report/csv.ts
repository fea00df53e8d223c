import {
	MAX_CLUSTER_TITLE,
	MAX_NAME_LENGTH,
	MAX_NOTE_LENGTH,
	mergeRedirect,
	resultsFromTotals,
	tallyDots,
	visibleNotes,
	type Note,
	type RoomSnapshot
} from '../board';
import { m } from '../paraglide/messages';
import { stepKinds } from '../steps/registry';
import { DOT_LIMIT } from './blocks';
import type { Locale, Workshop } from '../workshop/types';
import { cleanText, isoTime, MAX_REPORT_ID, truncate } from './text';

/**
 * What a spreadsheet may read as the start of a formula: `= + - @` and their full-width and
 * small forms, also after leading spaces, line breaks or invisible characters (which some
 * spreadsheets trim on import), and a leading tab, carriage return or line feed.
 */
const FORMULA_START =
	/^(?:[\t\r\n]|[\p{White_Space}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212])/u;

/** One CSV field: quoted, and never read as a formula by a spreadsheet. */
export function csvField(value: string | number): string {
	let text = cleanText(String(value));
	if (FORMULA_START.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export const CSV_COLUMNS = [
	'type',
	'step',
	'step_title',
	'column',
	'cluster',
	'text',
	'author',
	'created',
	'dots',
	'block',
	'rating',
	'lead',
	'partners',
	'when',
	'first_step',
	'goal',
	'action_plan',
	'code',
	'status',
	'answer',
	'note',
	'approve',
	'reject',
	'abstain',
	'outcome'
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The columns a spreadsheet gets: labels in the report's language (the step's id: ''). */
export function csvHeaders(locale: Locale): Record<CsvColumn, string> {
	const l = { locale };
	const names: Record<(typeof CSV_COLUMNS)[number], string> = {
		type: m.report_csv_type({}, l),
		step: '',
		step_title: m.report_csv_step({}, l),
		column: m.report_csv_column({}, l),
		cluster: m.report_csv_theme({}, l),
		text: m.report_csv_text({}, l),
		author: m.report_csv_name({}, l),
		created: m.report_csv_time({}, l),
		dots: m.report_csv_dots({}, l),
		block: m.report_block({}, l),
		rating: m.report_csv_rating({}, l),
		lead: m.report_action_lead({}, l),
		partners: m.report_action_partners({}, l),
		when: m.report_action_when({}, l),
		first_step: m.report_action_first_step({}, l),
		goal: m.report_plan_goal({}, l),
		action_plan: m.report_plan_action_plan({}, l),
		code: m.report_plan_code({}, l),
		status: m.report_action_status({}, l),
		answer: m.report_answer({}, l),
		note: m.report_note({}, l),
		approve: m.report_approve({}, l),
		reject: m.report_reject({}, l),
		abstain: m.report_abstain({}, l),
		outcome: m.report_outcome({}, l)
	};
	return names;
}

/** The step id's position: kept in rows (kinds write it), left out of the file. */
const STEP_ID = CSV_COLUMNS.indexOf('step');
const DOTS_COLUMN = CSV_COLUMNS.indexOf('dots');
const NOTE_COLUMN = CSV_COLUMNS.indexOf('note');

export type TableOptions = { names: boolean; locale: Locale; labels?: Record<string, string> };

/**
 * Every visible contribution, one row each (columns as CSV_COLUMNS), labels not ids: the rows
 * of the CSV and of the XLSX workbook's sheets. The first cell names the row's kind.
 */
export function contributionRows(
	snapshot: RoomSnapshot,
	workshop: Workshop,
	options: TableOptions
): (string | number)[][] {
	// Texts at the board's limits: a room stored before the server enforced them may hold more.
	const id = (value: string) => truncate(value, MAX_REPORT_ID);
	const label = (value: string) => (value ? (options.labels?.[value] ?? id(value)) : '');
	const title = (stepId: string) =>
		workshop.steps.find((s) => s.id === stepId)?.title[options.locale] ?? id(stepId);
	const clusterTitle = (cluster: string) =>
		truncate(snapshot.board.clusters.find((c) => c.id === cluster)?.title ?? '', MAX_CLUSTER_TITLE);
	// A round's notes are introductions: left out unless the facilitator allows names.
	const personal = new Set(workshop.steps.filter((s) => s.type === 'round').map((s) => s.id));
	const notes = visibleNotes(snapshot.board.notes).filter(
		(n) => options.names || !personal.has(n.step)
	);
	const dots = new Map<string, ReadonlyMap<string, number>>();
	const dotsOn = (step: string, note: string) => {
		if (!dots.has(step))
			dots.set(
				step,
				tallyDots(snapshot.board.dots, step, DOT_LIMIT, mergeRedirect(snapshot.board.notes))
			);
		return dots.get(step)!.get(note) ?? 0;
	};
	const kind = m.report_csv_kind_note({}, { locale: options.locale });
	// A note typed in from paper says so in the note column ("op papier").
	const onPaper = m.paper_badge({}, { locale: options.locale });
	const paperCells = (n: Note) =>
		n.paper ? [...Array<string>(NOTE_COLUMN - DOTS_COLUMN - 1).fill(''), onPaper] : [];
	const rows: (string | number)[][] = notes.map((n) => [
		kind,
		id(n.step),
		title(n.step),
		label(n.column),
		clusterTitle(n.cluster),
		truncate(n.text, MAX_NOTE_LENGTH),
		options.names ? truncate(n.authorName, MAX_NAME_LENGTH) : '',
		isoTime(n.created),
		dotsOn(n.step, n.id),
		...paperCells(n)
	]);
	// Notes are on every kind's board; a kind adds its own contributions (actions, ratings …).
	const context = { id, title, label, names: options.names, locale: options.locale };
	for (const kind of stepKinds()) rows.push(...(kind.csv?.(snapshot, workshop, context) ?? []));
	rows.push(...ballotRows(snapshot, workshop, context));
	return rows;
}

/**
 * The counted votes: one row per statement with its numbers for, against and abstaining, and
 * the outcome by the step's rule. Anonymous: the board holds only totals.
 */
function ballotRows(
	snapshot: RoomSnapshot,
	workshop: Workshop,
	context: {
		id(v: string): string;
		title(v: string): string;
		label(v: string): string;
		locale: Locale;
	}
): (string | number)[][] {
	const l = { locale: context.locale };
	const kind = m.report_csv_kind_ballot({}, l);
	const outcome = {
		approved: m.report_approved({}, l),
		'not-approved': m.report_not_approved({}, l)
	};
	const steps = [...new Set(snapshot.board.votes.map((t) => t.step))];
	return steps.flatMap((stepId) => {
		const step = workshop.steps.find((s) => s.id === stepId);
		const defined = step?.options?.statements?.map((s) => s.id) ?? [];
		const voted = snapshot.board.votes.filter((t) => t.step === stepId).map((t) => t.statement);
		const order = [...new Set([...defined, ...voted])].filter((id) => voted.includes(id));
		return resultsFromTotals(snapshot.board.votes, stepId, order, step?.options?.rule).map((r) => {
			const row: Partial<Record<CsvColumn, string | number>> = {
				type: kind,
				step: context.id(stepId),
				step_title: context.title(stepId),
				text: context.label(r.statement),
				approve: r.tally.approve,
				reject: r.tally.reject,
				abstain: r.tally.abstain,
				outcome: outcome[r.outcome]
			};
			// Hand-counted paper ballots are in the tally; the note says how many.
			const paper = snapshot.board.votes.find(
				(t) => t.step === stepId && t.statement === r.statement
			)?.paper;
			if (paper) row.note = m.paper_of({ count: paper }, l);
			return CSV_COLUMNS.map((c) => row[c] ?? '');
		});
	});
}

/**
 * Every visible contribution, one row each, for synthesis in a spreadsheet. Made for Excel in a
 * Flemish (or French) locale: UTF-8 with a byte order mark (else "Chloë" reads "ChloÃ«") and `;`
 * between fields (Excel's list separator there: with `,` everything lands in one column).
 */
export function reportToCsv(
	snapshot: RoomSnapshot,
	workshop: Workshop,
	options: TableOptions
): string {
	const rows = contributionRows(snapshot, workshop, options);
	const names = csvHeaders(options.locale);
	const line = (cells: (string | number)[]) =>
		CSV_COLUMNS.map((_, i) => cells[i] ?? '')
			.filter((_, i) => i !== STEP_ID)
			.map(csvField)
			.join(';');
	return '\uFEFF' + [CSV_COLUMNS.map((c) => names[c]), ...rows].map(line).join('\r\n') + '\r\n';
}
