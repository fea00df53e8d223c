import { m } from '../paraglide/messages';
import type { Rating } from '../board';
import type { BallotRow, Report } from './model';

/**
 * Characters XML 1.0 does not allow (C0 controls except tab, line feed and carriage return, lone
 * surrogates, U+FFFE and U+FFFF), with C1 controls and the noncharacters U+FDD0 to U+FDEF,
 * which no one types on purpose. One of them in a DOCX makes Word refuse the whole file.
 */
const UNSAFE_CHARACTERS =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/gu;

/** Text with every character removed that XML (Word), HTML or a spreadsheet could choke on. */
export function cleanText(text: string): string {
	return String(text).replace(UNSAFE_CHARACTERS, '');
}

/** A stored time as ISO 8601, or '' when it is not a usable time (never an exception). */
export function isoTime(time: unknown): string {
	if (typeof time !== 'number' || !Number.isFinite(time)) return '';
	const date = new Date(time);
	if (Number.isNaN(date.getTime())) return '';
	const year = date.getUTCFullYear();
	return year < 1 || year > 9999 ? '' : date.toISOString();
}

/** The longest id (step, column, building block, statement) a report shows when it has no label. */
export const MAX_REPORT_ID = 120;

/**
 * Text cut to `limit` characters, the last one an ellipsis: rooms stored before the server
 * enforced the board's limits may hold longer texts, and no stored value may blow up a report.
 */
export function truncate(text: string, limit: number): string {
	const value = typeof text === 'string' ? text : String(text ?? '');
	if (value.length <= limit) return value;
	let cut = value.slice(0, Math.max(0, limit - 1));
	// Never split a surrogate pair (a lone half is invalid XML).
	if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
	return `${cut.trimEnd()}…`;
}

/** One line of participant text with every sign that could start or make markup escaped. */
function escapeMarkdownLine(line: string): string {
	return line
		.replace(/([\\`*_{}[\]<>|~&])/g, '\\$1')
		.replace(/^([#+\-=>:])/, '\\$1')
		.replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * The lines of a text, trimmed, empty ones left out: a line that starts with spaces could become
 * code, and an empty line would end the list item or paragraph the text stands in.
 */
function markdownLines(text: string): string[] {
	return cleanText(text)
		.split(/\r\n?|\n|\u2028|\u2029/)
		.map((line) => line.trim())
		.filter(Boolean)
		.map(escapeMarkdownLine);
}

/**
 * Participant text in Markdown: every sign that could make markup (emphasis, links, HTML,
 * tables, headings, lists, quotes, code) is escaped, on every line, and nothing else, so the text
 * stays readable. Line breaks stay (hard breaks inside one paragraph); the text never becomes
 * more than one block, so it cannot leave the list item or paragraph it stands in.
 */
export function escapeMarkdown(text: string): string {
	return markdownLines(text).join('  \n  ');
}

/** Participant text for one line (a heading, a table cell, a name): line breaks become spaces. */
export function escapeMarkdownInline(text: string): string {
	return markdownLines(text).join(' ');
}

/** Longer text in paragraphs (a synthesis): blank lines separate paragraphs, nothing else. */
export function escapeMarkdownParagraphs(text: string): string {
	return cleanText(text)
		.split(/(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)\s*/)
		.map(escapeMarkdown)
		.filter(Boolean)
		.join('\n\n');
}

export function escapeHtml(text: string): string {
	return cleanText(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const RATING_ORDER: readonly Rating[] = ['strong', 'partly', 'notyet', 'unknown'];

export function ratingLabels(report: Report): Record<Rating, string> {
	const locale = report.locale;
	return {
		strong: m.report_rating_strong({}, { locale }),
		partly: m.report_rating_partly({}, { locale }),
		notyet: m.report_rating_notyet({}, { locale }),
		unknown: m.report_rating_unknown({}, { locale })
	};
}

export function ballotLabels(report: Report) {
	const locale = report.locale;
	return {
		statement: m.report_statement({}, { locale }),
		approve: m.report_approve({}, { locale }),
		reject: m.report_reject({}, { locale }),
		abstain: m.report_abstain({}, { locale }),
		outcome: m.report_outcome({}, { locale }),
		approved: m.report_approved({}, { locale }),
		'not-approved': m.report_not_approved({}, { locale })
	};
}

export function votesLabel(report: Report, count: number): string {
	return m.report_votes({ count }, { locale: report.locale });
}

/** "op papier" after a contribution typed in from paper; '' for every other. */
export function paperLabel(report: Report, paper: boolean | undefined): string {
	return paper ? m.paper_badge({}, { locale: report.locale }) : '';
}

export function summaryLines(report: Report): [string, string][] {
	const locale = report.locale;
	return [
		[m.report_workshop({}, { locale }), report.workshopTitle],
		...(report.variant
			? [[m.report_variant({}, { locale }), report.variant] as [string, string]]
			: []),
		[m.report_date({}, { locale }), report.dateText || report.date],
		...(report.minutes > 0
			? [
					[
						m.report_length({}, { locale }),
						m.report_minutes({ minutes: report.minutes }, { locale })
					] as [string, string]
				]
			: []),
		[m.report_participants({}, { locale }), String(report.participants)],
		[m.report_contributions({}, { locale }), String(report.contributions)]
	];
}

/**
 * In a report in another language than the workshop's (Dutch), one line saying that the
 * participants' contributions stand as they wrote them: they are never translated.
 */
export function asWrittenNote(report: Report): string {
	return report.locale === 'nl' ? '' : m.report_as_written({}, { locale: report.locale });
}

/** The heading of a part, printed before its first section. */
export function partTitle(report: Report, part: 'vision' | 'annex'): string {
	const locale = report.locale;
	return part === 'vision'
		? m.report_part_vision({}, { locale })
		: m.report_part_annex({}, { locale });
}

/** The report's sections with, before each part's first one, the part it begins (else null). */
export function withParts(report: Report) {
	return report.sections.map((section, i) => ({
		section,
		part: i === 0 || report.sections[i - 1]!.part !== section.part ? section.part : null
	}));
}

/** The statements of a vote as a plain table: statement, for, against, abstain, decision. */
export function ballotTable(report: Report, rows: BallotRow[]) {
	const l = ballotLabels(report);
	// A column for the recorded outcome only when some statement comes from a seed that has one.
	const recorded = rows.some((r) => r.recorded);
	return {
		columns: [
			l.statement,
			l.approve,
			l.reject,
			l.abstain,
			l.outcome,
			...(recorded ? [m.vote_recorded_column({}, { locale: report.locale })] : [])
		],
		rows: rows.map((r) => [
			r.statement,
			String(r.tally.approve),
			String(r.tally.reject),
			String(r.tally.abstain),
			l[r.outcome],
			...(recorded ? [r.recorded ? l[r.recorded] : ''] : [])
		])
	};
}

/**
 * "pagina x van y" in the report's language, as the text around the two numbers (before, between,
 * after), for a renderer that fills in the page numbers itself (Word fields, Chromium's footer).
 */
export function pageOfParts(report: Report): [string, string, string] {
	const text = m.report_page_of({ page: '\u0001', total: '\u0002' }, { locale: report.locale });
	const [before = '', rest = ''] = text.split('\u0001');
	const [between = '', after = ''] = rest.split('\u0002');
	return [before, between, after];
}
