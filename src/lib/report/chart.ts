// The chart of the framework: one diverging bar per building block, grouped in the framework's
// groups, strongest first within a group. "Not yet" runs left of the axis, "partly" and
// "strong" right of it, "don't know" apart on the far right. Colours from the Okabe–Ito palette
// (safe for colour-blind readers), and every rating also has its own pattern and its count
// written in the bar, so that a greyscale print still reads. One SVG for HTML, PDF and (as a
// PNG) Word; the same data as a table in every format.
import type { Rating } from '../board';
import { m } from '../paraglide/messages';
import type { ChartRow, Report } from './model';
import { escapeHtml as h, ratingLabels } from './text';

/** Fill, pattern and ink per rating. */
const STYLE: Record<Rating, { fill: string; ink: string }> = {
	strong: { fill: 'url(#vwp-strong)', ink: '#ffffff' },
	partly: { fill: 'url(#vwp-partly)', ink: '#111111' },
	notyet: { fill: 'url(#vwp-notyet)', ink: '#111111' },
	unknown: { fill: 'url(#vwp-unknown)', ink: '#111111' }
};

const PATTERNS = [
	// Strong: solid dark blue.
	'<pattern id="vwp-strong" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#0072B2"/></pattern>',
	// Partly: sky blue with thin vertical lines.
	'<pattern id="vwp-partly" width="6" height="8" patternUnits="userSpaceOnUse"><rect width="6" height="8" fill="#8FD0F2"/><rect width="1.2" height="8" fill="#56B4E9"/></pattern>',
	// Not yet: vermillion-light with diagonal hatching.
	'<pattern id="vwp-notyet" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#F4B183"/><rect width="3" height="8" fill="#D55E00"/></pattern>',
	// Don't know: light grey with dots.
	'<pattern id="vwp-unknown" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#E4E4E4"/><circle cx="3" cy="3" r="1.1" fill="#777777"/></pattern>'
].join('');

export const CHART_WIDTH = 760;

/** A score as a whole percentage in the report's language, '–' when nobody could judge. */
export function percent(score: number | null, locale: string): string {
	return score === null ? '–' : new Intl.NumberFormat(locale, { style: 'percent' }).format(score);
}

/** The rows in groups, in the order the model gives them (groups in the framework's order). */
export function chartGroups(rows: readonly ChartRow[]): { group: string; rows: ChartRow[] }[] {
	const groups: { group: string; rows: ChartRow[] }[] = [];
	for (const row of rows) {
		const last = groups.at(-1);
		if (last && last.group === row.group) last.rows.push(row);
		else groups.push({ group: row.group, rows: [row] });
	}
	return groups;
}

/** What the chart shows, in words: the alternative text of the chart's image. */
export function chartAlt(report: Report, rows: readonly ChartRow[]): string {
	const locale = report.locale;
	const labels = ratingLabels(report);
	const lines = rows.map(
		(r) =>
			`${r.label}: ${percent(r.score, locale)} (${(
				['strong', 'partly', 'notyet', 'unknown'] as const
			)
				.map((k) => `${r.counts[k]} ${labels[k]}`)
				.join(', ')})`
	);
	return `${m.report_chart_title({}, { locale })}. ${lines.join('; ')}.`;
}

/** Cuts a label to fit its column (about 7.4 px per character at 13 px). */
function fit(text: string, width: number): string {
	const max = Math.floor(width / 7.4);
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The chart as a standalone SVG (its own size, fonts named, no outside references): inline in
 * HTML and the PDF, rendered to PNG for Word.
 */
export function chartSvg(report: Report, rows: readonly ChartRow[]): string {
	const locale = report.locale;
	const labels = ratingLabels(report);
	const groups = chartGroups(rows);
	const grouped = groups.some((g) => g.group);
	const labelWidth = 230;
	const half = 170;
	const axis = labelWidth + 10 + half;
	const scoreX = axis + half + 50;
	const unknownX = scoreX + 30;
	const unknownWidth = CHART_WIDTH - unknownX - 10;
	const rowHeight = 26;
	const bar = 18;
	const most = Math.max(
		1,
		...rows.map((r) => Math.max(r.counts.notyet, r.counts.partly + r.counts.strong))
	);
	const mostUnknown = Math.max(1, ...rows.map((r) => r.counts.unknown));
	const unit = half / most;
	const parts: string[] = [];
	// The legend.
	let x = 0;
	for (const k of ['notyet', 'partly', 'strong', 'unknown'] as const) {
		parts.push(
			`<rect x="${x}" y="4" width="18" height="14" fill="${STYLE[k].fill}" stroke="#333" stroke-width="0.6"/><text x="${x + 24}" y="16">${h(labels[k])}</text>`
		);
		x += 24 + labels[k].length * 7.4 + 22;
	}
	let y = 34;
	// The column heads: the score, and "don't know" apart.
	parts.push(
		`<text x="${scoreX}" y="${y}" text-anchor="end" font-weight="700">${h(m.report_score({}, { locale }))}</text>`,
		`<text x="${unknownX}" y="${y}" font-weight="700">${h(fit(labels.unknown, CHART_WIDTH - unknownX))}</text>`
	);
	y += 8;
	const top = y;
	for (const group of groups) {
		if (grouped) {
			y += 6;
			parts.push(
				`<text x="0" y="${y + 14}" font-weight="700" fill="#07443c">${h(fit(group.group, CHART_WIDTH))}</text>`
			);
			y += 20;
		}
		for (const row of group.rows) {
			const mid = y + rowHeight / 2;
			const barY = mid - bar / 2;
			parts.push(
				`<text x="${grouped ? 12 : 0}" y="${mid + 4.5}">${h(fit(row.label, labelWidth - (grouped ? 12 : 0)))}</text>`
			);
			const segment = (k: Rating, from: number, count: number) => {
				if (count === 0) return;
				const width = count * unit;
				parts.push(
					`<rect x="${from}" y="${barY}" width="${width}" height="${bar}" fill="${STYLE[k].fill}" stroke="#333" stroke-width="0.6"/>`
				);
				if (width >= 16)
					parts.push(
						`<text x="${from + width / 2}" y="${mid + 4.5}" text-anchor="middle" font-weight="700" fill="${STYLE[k].ink}" paint-order="stroke">${count}</text>`
					);
			};
			segment('notyet', axis - row.counts.notyet * unit, row.counts.notyet);
			segment('partly', axis, row.counts.partly);
			segment('strong', axis + row.counts.partly * unit, row.counts.strong);
			parts.push(
				`<text x="${scoreX}" y="${mid + 4.5}" text-anchor="end" font-weight="700">${h(percent(row.score, locale))}</text>`
			);
			if (row.counts.unknown > 0) {
				const width = Math.max(4, (row.counts.unknown / mostUnknown) * (unknownWidth - 24));
				parts.push(
					`<rect x="${unknownX}" y="${barY}" width="${width}" height="${bar}" fill="${STYLE.unknown.fill}" stroke="#333" stroke-width="0.6"/><text x="${unknownX + width + 4}" y="${mid + 4.5}">${row.counts.unknown}</text>`
				);
			}
			y += rowHeight;
		}
	}
	// The axis between "not yet" and the rest.
	parts.push(
		`<line x1="${axis}" y1="${top}" x2="${axis}" y2="${y + 2}" stroke="#111" stroke-width="1.5"/>`
	);
	const height = y + 8;
	const title = m.report_chart_title({}, { locale });
	return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${h(chartAlt(report, rows))}" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="13" fill="#14232b"><title>${h(title)}</title><defs>${PATTERNS}</defs><rect width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>${parts.join('')}</svg>`;
}

/** The chart's data as a table: group, block, score and the four counts. */
export function chartTable(report: Report, rows: readonly ChartRow[]) {
	const locale = report.locale;
	const labels = ratingLabels(report);
	const grouped = rows.some((r) => r.group);
	const order = ['strong', 'partly', 'notyet', 'unknown'] as const;
	return {
		columns: [
			...(grouped ? [m.report_group({}, { locale })] : []),
			m.report_block({}, { locale }),
			m.report_score({}, { locale }),
			...order.map((k) => labels[k])
		],
		rows: rows.map((r) => [
			...(grouped ? [r.group] : []),
			r.label,
			percent(r.score, locale),
			...order.map((k) => String(r.counts[k]))
		])
	};
}
