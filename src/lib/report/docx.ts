import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	HeadingLevel,
	ImageRun,
	Packer,
	PageBreak,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import { Resvg } from '@resvg/resvg-js';
import { m } from '../paraglide/messages';
import { chartAlt, chartSvg, chartTable, CHART_WIDTH } from './chart';
import type { ChartRow, Report, ReportBlock } from './model';
import {
	asWrittenNote,
	ballotTable,
	cleanText,
	pageOfParts,
	partTitle,
	summaryLines,
	votesLabel,
	paperLabel,
	withParts
} from './text';

// Word shows text as text: participant input goes into TextRun as plain strings, never markup.

/**
 * Every string of the report without the characters XML forbids (U+FFFE, most C0 controls …):
 * the docx library writes them as they are, and one of them makes Word refuse the whole file.
 */
function clean<T>(value: T): T {
	if (typeof value === 'string') return cleanText(value) as T;
	if (Array.isArray(value)) return value.map(clean) as T;
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) as T;
	return value;
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

/** A text's lines as runs, each after the first on a new line (Word keeps the breaks). */
function runs(
	text: string,
	options: { bold?: boolean; color?: string; italics?: boolean; size?: number } = {}
) {
	return text
		.split(/\r\n?|\n|\u2028|\u2029/)
		.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }));
}

/** The text of a page (A4, 2 cm margins) in twentieths of a point. */
const PAGE_WIDTH = 9638;

/**
 * Column widths that never split a word: each column at least as wide as its longest word (at
 * `points`, 11 by default), the rest of the page shared in proportion to the text each holds.
 */
export function columnWidths(
	columns: string[],
	rows: string[][],
	total = PAGE_WIDTH,
	points = 11
): number[] {
	const all = [columns, ...rows];
	const text = columns.map((_, i) => all.reduce((sum, r) => sum + (r[i] ?? '').length, 0) + 1);
	const minimum = minimumWidths(columns, rows, points);
	const spare = total - minimum.reduce((a, b) => a + b, 0);
	if (spare <= 0) return capped(minimum, total);
	const weight = text.reduce((a, b) => a + b, 0);
	return minimum.map((w, i) => Math.floor(w + (spare * text[i]!) / weight));
}

/** Each column's room for its longest word at `points`, with the cell's margins. */
function minimumWidths(columns: string[], rows: string[][], points: number): number[] {
	const all = [columns, ...rows];
	return columns.map(
		(_, i) =>
			Math.max(
				600,
				...all.flatMap((r) =>
					(r[i] ?? '').split(/\s+/u).map((word) => (wordWidth(word) * points) / 11)
				)
			) +
			// The cell's margins (about 0.19 cm on each side) and a little room.
			300
	);
}

/**
 * The text size of a table (in half points): 9 pt, or smaller for a wide table (the annex's
 * actions with their place in the multi-year plan) whose longest words do not fit the page at 9 pt.
 */
export function tableSize(columns: string[], rows: string[][], total = PAGE_WIDTH): number {
	const fits = (size: number) =>
		minimumWidths(columns, rows, size / 2).reduce((a, b) => a + b, 0) <= total;
	return TABLE_SIZES.find(fits) ?? TABLE_SIZES.at(-1)!;
}

/**
 * Widths for columns whose longest words do not all fit the page: the widest columns are cut to
 * one common width and the narrower ones keep theirs, so that only the longest words (a
 * "Beleidsmedewerker") break, never a short column's ("Status", "Stippen") in every row.
 */
function capped(minimum: number[], total: number): number[] {
	const sorted = [...minimum].sort((a, b) => a - b);
	let left = total;
	for (let i = 0; i < sorted.length; i++) {
		const cap = left / (sorted.length - i);
		if (sorted[i]! > cap) return minimum.map((w) => Math.floor(Math.min(w, cap)));
		left -= sorted[i]!;
	}
	return minimum;
}

/**
 * A word's width at 11 pt in twentieths of a point, bold, in a wide fallback font (LibreOffice
 * without Calibri): capitals and m/w wide, i/l/t/f and punctuation narrow.
 */
function wordWidth(word: string): number {
	let width = 0;
	for (const c of word)
		width += /[MWmw]/.test(c)
			? 190
			: /[A-Z0-9]/.test(c)
				? 165
				: /[iljtf.,;:'’!|]/.test(c)
					? 75
					: 125;
	return width;
}

function cell(
	text: string,
	options: { header?: boolean; fill?: string; color?: string; width?: number; size?: number } = {}
): TableCell {
	return new TableCell({
		borders,
		width: options.width ? { size: options.width, type: WidthType.DXA } : undefined,
		shading: options.fill
			? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill }
			: undefined,
		children: [
			new Paragraph({
				children: runs(text, {
					bold: options.header,
					color: options.color,
					size: options.size ?? TABLE_SIZE
				})
			})
		]
	});
}

/** Text in tables at 9 pt (in half points): a plan of seven columns fits the page whole. */
const TABLE_SIZE = 18;
/** Smaller sizes for a wide table, down to 7.5 pt: still readable on paper. */
const TABLE_SIZES = [TABLE_SIZE, 16, 15];

function table(columns: string[], rows: string[][]): Table {
	const size = tableSize(columns, rows);
	const widths = columnWidths(columns, rows, PAGE_WIDTH, size / 2);
	return new Table({
		width: { size: PAGE_WIDTH, type: WidthType.DXA },
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		rows: [
			new TableRow({
				tableHeader: true,
				children: columns.map((c, i) =>
					cell(c, { header: true, fill: 'EEEEEE', width: widths[i], size })
				)
			}),
			...rows.map(
				(r) => new TableRow({ children: r.map((c, i) => cell(c, { width: widths[i], size })) })
			)
		]
	});
}

/** Word shows the chart at this width in pixels (the page's text is about 640 px wide). */
const CHART_DOCX_WIDTH = 620;

/**
 * The framework chart as a PNG (the SVG rendered by resvg, at twice the size shown so that it
 * prints sharp), with its alternative text, and its data as a table below it.
 */
function chart(report: Report, rows: ChartRow[]): (Paragraph | Table)[] {
	const svg = chartSvg(report, rows);
	const image = new Resvg(svg, {
		fitTo: { mode: 'width', value: CHART_WIDTH * 2 },
		font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }
	}).render();
	const height = Math.round((image.height / image.width) * CHART_DOCX_WIDTH);
	const alt = chartAlt(report, rows);
	const t = chartTable(report, rows);
	return [
		new Paragraph({
			children: [
				new ImageRun({
					type: 'png',
					data: image.asPng(),
					transformation: { width: CHART_DOCX_WIDTH, height },
					altText: {
						name: m.report_chart_title({}, { locale: report.locale }),
						title: m.report_chart_title({}, { locale: report.locale }),
						description: alt
					}
				})
			]
		}),
		table(t.columns, t.rows),
		new Paragraph('')
	];
}

function blockChildren(report: Report, b: ReportBlock): (Paragraph | Table)[] {
	switch (b.kind) {
		case 'text':
			return [new Paragraph({ children: runs(b.text) })];
		case 'items': {
			const items = b.items.map((i) => {
				const extra = [
					i.votes ? votesLabel(report, i.votes) : '',
					paperLabel(report, i.paper),
					i.author
				]
					.filter(Boolean)
					.join(', ');
				return new Paragraph({
					bullet: { level: 0 },
					children: [
						...runs(i.text),
						...(extra ? [new TextRun({ text: ` (${extra})`, color: '44545C' })] : [])
					]
				});
			});
			return [
				...(b.title ? [new Paragraph({ text: b.title, heading: HeadingLevel.HEADING_4 })] : []),
				...items
			];
		}
		case 'heading':
			return [new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_3 })];
		case 'table':
			return [
				...(b.title ? [new Paragraph({ text: b.title, heading: HeadingLevel.HEADING_4 })] : []),
				table(b.columns, b.rows),
				new Paragraph('')
			];
		case 'chart':
			return chart(report, b.rows);
		case 'heatmap': {
			const least = b.least.length
				? [
						new Paragraph({
							children: [
								new TextRun({
									text: m.report_least({ blocks: b.least.join(', ') }, { locale: report.locale }),
									bold: true
								})
							]
						})
					]
				: [];
			return [
				...chart(
					report,
					b.rows.map((r) => ({ ...r, group: '' }))
				),
				...least
			];
		}
		case 'ballots': {
			const t = ballotTable(report, b.rows);
			return [table(t.columns, t.rows), new Paragraph('')];
		}
	}
}

const DOCX_LANGUAGES = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE' } as const;

/** A Word document: title page, real headings (navigation pane), tables, page numbers. */
export async function reportToDocx(input: Report): Promise<Buffer> {
	const report = clean(input);
	const titlePage = [
		new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
		new Paragraph({
			children: [
				new TextRun({
					text: m.report_subtitle({ workshop: report.workshopTitle }, { locale: report.locale }),
					italics: true
				})
			]
		}),
		...summaryLines(report).map(
			([k, v]) =>
				new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] })
		),
		...(asWrittenNote(report)
			? [new Paragraph({ children: [new TextRun({ text: asWrittenNote(report), italics: true })] })]
			: []),
		new Paragraph({ children: [new PageBreak()] })
	];
	const body = withParts(report).flatMap(({ section: s, part }) => [
		...(part
			? [
					new Paragraph({
						text: partTitle(report, part),
						heading: HeadingLevel.HEADING_1,
						pageBreakBefore: part === 'annex'
					})
				]
			: []),
		new Paragraph({ text: s.title, heading: HeadingLevel.HEADING_2 }),
		...(s.synthesis.trim()
			? s.synthesis
					.trim()
					.split(/(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)\s*/)
					.map((text) => new Paragraph({ children: runs(text) }))
			: []),
		...s.blocks.flatMap((b) => blockChildren(report, b))
	]);
	const pageOf = pageOfParts(report);
	const doc = new Document({
		creator: 'Visiewerkplaats',
		title: report.title,
		// The document's language: Word checks the spelling and reads it aloud in it.
		styles: {
			default: {
				document: {
					run: { font: 'Calibri', size: 22, language: { value: DOCX_LANGUAGES[report.locale] } }
				},
				// Room above a heading, so that a section stands apart from the one before.
				heading1: { paragraph: { spacing: { before: 480, after: 160 } } },
				heading2: { paragraph: { spacing: { before: 360, after: 120 } } },
				heading3: { paragraph: { spacing: { before: 240, after: 80 } } },
				heading4: { paragraph: { spacing: { before: 200, after: 60 } } }
			}
		},
		sections: [
			{
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [
									new TextRun({
										children: [
											pageOf[0],
											PageNumber.CURRENT,
											pageOf[1],
											PageNumber.TOTAL_PAGES,
											pageOf[2]
										]
									})
								]
							})
						]
					})
				},
				children: [...titlePage, ...body]
			}
		]
	});
	return Packer.toBuffer(doc);
}
