// The XLSX workbook: one sheet per kind of data (contributions, ratings, actions, votes,
// checklist, and the multi-year plan), labels not ids, numbers as numbers and times as dates.
// The rows are the CSV's (contributionRows): the same privacy, labels and limits.
import ExcelJS from 'exceljs';
import type { RoomSnapshot } from '../board';
import { m } from '../paraglide/messages';
import type { Workshop } from '../workshop/types';
import {
	contributionRows,
	csvHeaders,
	CSV_COLUMNS,
	type CsvColumn,
	type TableOptions
} from './csv';
import { planTable } from './plan';
import { cleanText } from './text';

type Kind = 'note' | 'rating' | 'action' | 'ballot' | 'answer';

/** The columns each sheet shows, of the CSV's (whose first cell names the row's kind). */
const SHEET_COLUMNS: Record<Kind, CsvColumn[]> = {
	note: ['step_title', 'column', 'cluster', 'text', 'author', 'created', 'dots', 'note'],
	rating: ['step_title', 'block', 'rating'],
	action: [
		'step_title',
		'text',
		'block',
		'lead',
		'partners',
		'when',
		'first_step',
		'goal',
		'action_plan',
		'code',
		'dots',
		'status',
		'created'
	],
	ballot: ['step_title', 'text', 'approve', 'reject', 'abstain', 'outcome'],
	answer: ['step_title', 'text', 'answer', 'note']
};

const WIDE: Partial<Record<CsvColumn, number>> = {
	text: 60,
	step_title: 28,
	cluster: 24,
	column: 24,
	block: 26,
	lead: 22,
	partners: 26,
	when: 16,
	first_step: 36,
	goal: 28,
	action_plan: 28,
	code: 10,
	note: 40,
	created: 18
};

/** Excel has no time zones: a stored time as the wall-clock time in Belgium. */
function belgianTime(iso: string): Date | string {
	if (!iso) return '';
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Brussels',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(new Date(iso))
			.map((p) => [p.type, p.value])
	);
	return new Date(
		Date.UTC(
			Number(parts.year),
			Number(parts.month) - 1,
			Number(parts.day),
			Number(parts.hour),
			Number(parts.minute),
			Number(parts.second)
		)
	);
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
const sheetName = (name: string) =>
	cleanText(name)
		.replace(/[[\]:*?/\\]/g, ' ')
		.slice(0, 31);

function addSheet(
	workbook: ExcelJS.Workbook,
	name: string,
	columns: { header: string; width: number }[],
	rows: (string | number | Date)[][]
): void {
	const sheet = workbook.addWorksheet(sheetName(name), {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	sheet.columns = columns.map((c) => ({ header: cleanText(c.header), width: c.width }));
	sheet.getRow(1).font = { bold: true };
	for (const row of rows)
		sheet.addRow(row.map((cell) => (typeof cell === 'string' ? cleanText(cell) : cell)));
	sheet.getColumn(1).alignment = { vertical: 'top', wrapText: true };
	columns.forEach((_, i) => {
		sheet.getColumn(i + 1).alignment = { vertical: 'top', wrapText: true };
	});
	if (columns.length > 0 && rows.length > 0)
		sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/**
 * The workbook of a room. Strings stay strings (a text that starts with = is never a formula in
 * XLSX); dots and votes are numbers; times are dates in Belgian time.
 */
export async function reportToXlsx(
	snapshot: RoomSnapshot,
	workshop: Workshop,
	options: TableOptions & { title: string }
): Promise<Buffer> {
	const { locale } = options;
	const l = { locale };
	const rows = contributionRows(snapshot, workshop, options);
	const headers = csvHeaders(locale);
	const kindOf: Record<string, Kind> = {
		[m.report_csv_kind_note({}, l)]: 'note',
		[m.report_csv_kind_rating({}, l)]: 'rating',
		[m.report_csv_kind_action({}, l)]: 'action',
		[m.report_csv_kind_ballot({}, l)]: 'ballot',
		[m.report_csv_kind_answer({}, l)]: 'answer'
	};
	const textHeader: Record<Kind, string> = {
		note: headers.text,
		rating: headers.text,
		action: m.report_action({}, l),
		ballot: m.report_statement({}, l),
		answer: m.report_item({}, l)
	};
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Visiewerkplaats';
	workbook.title = cleanText(options.title);
	const sheets: [Kind, string][] = [
		['note', m.report_sheet_contributions({}, l)],
		['rating', m.report_sheet_ratings({}, l)],
		['action', m.report_sheet_actions({}, l)],
		['ballot', m.report_sheet_ballots({}, l)],
		['answer', m.report_sheet_checklist({}, l)]
	];
	for (const [kind, name] of sheets) {
		// Names only when the facilitator allows them: else the column is left out.
		const columns = SHEET_COLUMNS[kind].filter((c) => c !== 'author' || options.names);
		const index = columns.map((c) => CSV_COLUMNS.indexOf(c));
		const mine = rows.filter((r) => kindOf[String(r[0])] === kind);
		addSheet(
			workbook,
			name,
			columns.map((c) => ({
				header: c === 'text' ? textHeader[kind] : headers[c],
				width: WIDE[c] ?? 12
			})),
			mine.map((r) =>
				index.map((i, j) =>
					columns[j] === 'created' ? belgianTime(String(r[i] ?? '')) : (r[i] ?? '')
				)
			)
		);
		if (columns.includes('created')) {
			const sheet = workbook.getWorksheet(sheetName(name))!;
			sheet.getColumn(columns.indexOf('created') + 1).numFmt = 'dd/mm/yyyy hh:mm';
		}
	}
	const plan = planTable(snapshot, workshop, options);
	addSheet(
		workbook,
		m.report_sheet_plan({}, l),
		plan.columns.map((header, i) => ({ header, width: plan.widths[i] ?? 16 })),
		plan.rows
	);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
