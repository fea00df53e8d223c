import { m } from '../paraglide/messages';
import { chartSvg, chartTable } from './chart';
import type { ChartRow, Report, ReportBlock } from './model';
import {
	asWrittenNote,
	ballotLabels,
	ballotTable,
	escapeHtml as h,
	partTitle,
	summaryLines,
	votesLabel,
	paperLabel,
	withParts
} from './text';

function table(columns: string[], rows: string[][]): string {
	const head = columns.map((c) => `<th scope="col">${h(c)}</th>`).join('');
	const body = rows.map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`).join('');
	return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function ballotsSvg(
	report: Report,
	rows: { statement: string; tally: { approve: number; reject: number; abstain: number } }[]
): string {
	const l = ballotLabels(report);
	const barWidth = 420;
	const rowHeight = 30;
	const max = Math.max(1, ...rows.map((r) => r.tally.approve + r.tally.reject + r.tally.abstain));
	const parts = rows.map((r, i) => {
		const y = i * rowHeight;
		const seg = (value: number, offset: number, fill: string, pattern = '') =>
			`<rect x="${offset}" y="${y + 4}" width="${(value / max) * barWidth}" height="${rowHeight - 8}" fill="${fill}" stroke="#111" ${pattern}/>`;
		const a = (r.tally.approve / max) * barWidth;
		const rj = (r.tally.reject / max) * barWidth;
		return (
			seg(r.tally.approve, 0, '#222') +
			seg(r.tally.reject, a, '#fff') +
			seg(r.tally.abstain, a + rj, '#bbb') +
			`<text x="${barWidth + 10}" y="${y + 20}">${r.tally.approve} ${h(l.approve)} · ${r.tally.reject} ${h(l.reject)} · ${r.tally.abstain} ${h(l.abstain)}</text>`
		);
	});
	return `<svg class="ballots" role="img" aria-label="${h(l.outcome)}" viewBox="0 0 ${barWidth + 330} ${rows.length * rowHeight}" width="100%" font-family="sans-serif" font-size="14">${parts.join('')}</svg>`;
}

/** The chart as an inline SVG (a figure), and its data as a table for every reader. */
function chart(report: Report, rows: ChartRow[]): string {
	const t = chartTable(report, rows);
	return `<figure class="chart">${chartSvg(report, rows)}</figure>${table(t.columns, t.rows)}`;
}

function block(report: Report, b: ReportBlock): string {
	switch (b.kind) {
		case 'text':
			return `<p>${h(b.text)}</p>`;
		case 'items': {
			const items = b.items
				.map((i) => {
					const extra = [
						i.votes ? votesLabel(report, i.votes) : '',
						paperLabel(report, i.paper),
						i.author
					]
						.filter(Boolean)
						.map(h);
					return `<li>${h(i.text)}${extra.length ? ` <span class="meta">(${extra.join(', ')})</span>` : ''}</li>`;
				})
				.join('');
			return `${b.title ? `<h3>${h(b.title)}</h3>` : ''}<ul>${items}</ul>`;
		}
		case 'table':
			return (b.title ? `<h4>${h(b.title)}</h4>` : '') + table(b.columns, b.rows);
		case 'heading':
			return `<h3>${h(b.text)}</h3>`;
		case 'chart':
			return chart(report, b.rows);
		case 'heatmap': {
			const least = b.least.length
				? `<p class="least">${h(m.report_least({ blocks: b.least.join(', ') }, { locale: report.locale }))}</p>`
				: '';
			return (
				chart(
					report,
					b.rows.map((r) => ({ ...r, group: '' }))
				) + least
			);
		}
		case 'ballots': {
			const t = ballotTable(report, b.rows);
			return ballotsSvg(report, b.rows) + table(t.columns, t.rows);
		}
	}
}

const STYLE = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: 'Atkinson Hyperlegible', 'Segoe UI', Arial, sans-serif; color: #14232b; line-height: 1.5; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { color: #07443c; font-size: 2.2rem; margin-bottom: 0.2rem; }
h2 { color: #07443c; border-bottom: 2px solid #d6d0c4; padding-bottom: 0.2rem; margin-top: 2rem; break-after: avoid; }
h3 { margin-bottom: 0.3rem; break-after: avoid; }
h4 { margin: 0.8rem 0 0.2rem; break-after: avoid; }
.subtitle { font-style: italic; margin-top: 0; }
.summary { list-style: none; padding: 0; }
.synthesis { background: #f7f4ee; border-left: 4px solid #0b5d52; padding: 0.6rem 1rem; white-space: pre-wrap; }
.meta { color: #44545c; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0; break-inside: auto; }
th, td { border: 1px solid #999; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
th { background: #eee; }
tr { break-inside: avoid; }
svg { max-width: 100%; height: auto; margin: 0.6rem 0; }
figure.chart { margin: 0.6rem 0; break-inside: avoid; }
.as-written { font-style: italic; color: #44545c; }
.least { font-weight: 700; }
.hint { color: #44545c; font-size: 0.9rem; }
.title-page { break-after: page; }
.part { font-size: 1.5rem; font-weight: 700; color: #07443c; margin: 2.5rem 0 0; }
.part.annex { break-before: page; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } table { font-size: 9pt; } .no-print { display: none; } }
`;

/** A standalone HTML page of the report, with A4 print styles. */
export function reportToHtml(report: Report): string {
	const summary = summaryLines(report)
		.map(([k, v]) => `<li><strong>${h(k)}:</strong> ${h(v)}</li>`)
		.join('');
	const sections = withParts(report)
		.map(({ section: s, part }) => {
			const heading = part
				? `<h1 class="part${part === 'annex' ? ' annex' : ''}">${h(partTitle(report, part))}</h1>`
				: '';
			const synthesis = s.synthesis.trim()
				? `<div class="synthesis">${h(s.synthesis.trim())}</div>`
				: '';
			return `${heading}<section id="${h(s.id)}"><h2>${h(s.title)}</h2>${synthesis}${s.blocks.map((b) => block(report, b)).join('')}</section>`;
		})
		.join('');
	const subtitle = m.report_subtitle({ workshop: report.workshopTitle }, { locale: report.locale });
	const note = asWrittenNote(report) ? `<p class="as-written">${h(asWrittenNote(report))}</p>` : '';
	return `<!doctype html><html lang="${report.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(report.title)}</title><style>${STYLE}</style></head><body><p class="no-print hint">${h(m.report_print({}, { locale: report.locale }))}</p><header class="title-page"><h1>${h(report.title)}</h1><p class="subtitle">${h(subtitle)}</p><ul class="summary">${summary}</ul>${note}</header><main>${sections}</main></body></html>`;
}
