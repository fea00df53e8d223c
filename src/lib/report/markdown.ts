import { m } from '../paraglide/messages';
import { chartTable } from './chart';
import type { Report, ReportBlock } from './model';
import {
	asWrittenNote,
	ballotTable,
	escapeMarkdown as md,
	escapeMarkdownInline as inline,
	escapeMarkdownParagraphs as paragraphs,
	partTitle,
	summaryLines,
	votesLabel,
	paperLabel,
	withParts
} from './text';

const cell = inline;

function table(columns: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
	return [line(columns), `|${columns.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

function block(report: Report, b: ReportBlock): string {
	switch (b.kind) {
		case 'text':
			return paragraphs(b.text);
		case 'items': {
			const items = b.items.map((i) => {
				const extra = [
					i.votes ? votesLabel(report, i.votes) : '',
					paperLabel(report, i.paper),
					i.author ? inline(i.author) : ''
				].filter(Boolean);
				return `- ${md(i.text)}${extra.length ? ` (${extra.join(', ')})` : ''}`;
			});
			return [b.title ? `### ${inline(b.title)}` : '', items.join('\n')]
				.filter(Boolean)
				.join('\n\n');
		}
		case 'table':
			return (b.title ? `#### ${inline(b.title)}\n\n` : '') + table(b.columns, b.rows);
		case 'heading':
			return `### ${inline(b.text)}`;
		case 'chart': {
			const t = chartTable(report, b.rows);
			return table(t.columns, t.rows);
		}
		case 'heatmap': {
			const t = chartTable(
				report,
				b.rows.map((r) => ({ ...r, group: '' }))
			);
			const least = b.least.length
				? `\n\n${inline(m.report_least({ blocks: b.least.join(', ') }, { locale: report.locale }))}`
				: '';
			return table(t.columns, t.rows) + least;
		}
		case 'ballots': {
			const t = ballotTable(report, b.rows);
			return table(t.columns, t.rows);
		}
	}
}

/** The canonical text of the report. */
export function reportToMarkdown(report: Report): string {
	const parts = [
		`# ${inline(report.title)}`,
		`*${inline(m.report_subtitle({ workshop: report.workshopTitle }, { locale: report.locale }))}*`,
		summaryLines(report)
			.map(([k, v]) => `- **${inline(k)}:** ${inline(v)}`)
			.join('\n'),
		asWrittenNote(report) ? `*${inline(asWrittenNote(report))}*` : ''
	];
	for (const { section, part } of withParts(report)) {
		if (part) parts.push(`# ${inline(partTitle(report, part))}`);
		parts.push(`## ${inline(section.title)}`);
		if (section.synthesis.trim()) parts.push(paragraphs(section.synthesis));
		for (const b of section.blocks) parts.push(block(report, b));
	}
	return parts.filter(Boolean).join('\n\n') + '\n';
}
