import { m } from '../paraglide/messages';
import type { Rating } from '../board';
import type { BallotRow, Report } from './model';

/**
 * Participant text in Markdown: every sign that could make markup (emphasis, links, HTML,
 * tables, headings, lists) is escaped, and nothing else, so the text stays readable.
 */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/([\\`*_{}[\]<>|~&])/g, '\\$1')
		.replace(/^(\s*)([#+\-=>])/gm, '$1\\$2')
		.replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
		.replace(/\n/g, '  \n');
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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

export function summaryLines(report: Report): [string, string][] {
	const locale = report.locale;
	return [
		[m.report_date({}, { locale }), report.date],
		[m.report_participants({}, { locale }), String(report.participants)],
		[m.report_contributions({}, { locale }), String(report.contributions)]
	];
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
