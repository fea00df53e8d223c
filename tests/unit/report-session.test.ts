// Golden tests of every report format on a realistic session (20 participants, the real
// workshop file), and the checks a policy officer would make of each. REPORT_OUT=<dir> also
// writes the files there, to look at them (the Word file through LibreOffice).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
	buildReport,
	reportToCsv,
	reportToDocx,
	reportToHtml,
	reportToMarkdown
} from '../../src/lib/report';
import { chartSvg } from '../../src/lib/report/chart';
import { planToCsv } from '../../src/lib/report/plan';
import { reportToXlsx } from '../../src/lib/report/xlsx';
import { inVariant, type Locale } from '../../src/lib/workshop/types';
import { goldenText } from '../helpers/golden';
import {
	SESSION_CREATED_AT,
	SESSION_PARTICIPANTS,
	SESSION_WORKSHOP,
	sessionLabels,
	sessionRoom
} from '../fixtures/report-session';

const golden = (name: string, actual: string) => expect(actual).toBe(goldenText(name, actual));

function session(locale: Locale = 'nl', names = false) {
	const { snapshot } = sessionRoom();
	const workshop = inVariant(SESSION_WORKSHOP, '120');
	const labels = sessionLabels(locale);
	const report = buildReport({
		title: 'Zorgzame buurten Kortemark',
		createdAt: SESSION_CREATED_AT,
		workshop,
		snapshot,
		participants: SESSION_PARTICIPANTS,
		variant: '120',
		locale,
		names,
		labels
	});
	return { snapshot, workshop, labels, report };
}

function writeOut(name: string, data: string | Uint8Array) {
	const dir = process.env.REPORT_OUT;
	if (!dir) return;
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, name), data);
}

describe('the report of a full session (20 participants)', () => {
	it('matches the golden Markdown, HTML, CSV and plan CSV, in Dutch and English', () => {
		for (const locale of ['nl', 'en'] as const) {
			const { snapshot, workshop, labels, report } = session(locale);
			const md = reportToMarkdown(report);
			const html = reportToHtml(report);
			const csv = reportToCsv(snapshot, workshop, { names: false, locale, labels });
			const plan = planToCsv(snapshot, workshop, { names: false, locale, labels });
			writeOut(`session-${locale}.md`, md);
			writeOut(`session-${locale}.html`, html);
			golden(`session-${locale}.md`, md);
			golden(`session-${locale}.html`, html);
			golden(`session-${locale}.csv`, csv);
			golden(`session-plan-${locale}.csv`, plan);
		}
	});

	it('opens with the cover: date in words, variant, length, participants', () => {
		const md = reportToMarkdown(session().report);
		expect(md).toContain('**Datum:** 19 november 2026');
		expect(md).toContain('**Versie:** Volledige sessie (2 uur)');
		expect(md).toContain('**Duur:** 120 minuten');
		expect(md).toContain('**Deelnemers:** 20');
	});

	it('leaves out names and introductions by default, in every format', async () => {
		const { snapshot, workshop, labels, report } = session();
		const texts = [
			reportToMarkdown(report),
			reportToHtml(report),
			reportToCsv(snapshot, workshop, { names: false, locale: 'nl', labels })
		];
		for (const text of texts) {
			expect(text).not.toContain('dementie');
			expect(text).not.toContain('Chloë');
		}
		const xlsx = await reportToXlsx(snapshot, workshop, {
			names: false,
			locale: 'nl',
			labels,
			title: 'x'
		});
		const zip = await JSZip.loadAsync(xlsx);
		const strings = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
		expect(strings).not.toContain('dementie');
		expect(strings).toContain('Signaalkaart');
	});

	it('charts the 8 building blocks in the 4 groups, strongest first, with a score each', () => {
		const { report } = session();
		const framework = report.sections.find((s) => s.id === 'framework')!;
		const chart = framework.blocks.find((b) => b.kind === 'chart');
		expect(chart?.kind).toBe('chart');
		if (chart?.kind !== 'chart') return;
		expect(chart.rows).toHaveLength(8);
		expect(new Set(chart.rows.map((r) => r.group)).size).toBe(4);
		// Within each group, the highest score first.
		for (const group of new Set(chart.rows.map((r) => r.group))) {
			const scores = chart.rows.filter((r) => r.group === group).map((r) => r.score ?? -1);
			expect(scores).toEqual([...scores].sort((a, b) => b - a));
		}
		const md = reportToMarkdown(report);
		expect(md).toContain('Hier staan we het sterkst: Sociale netwerken.');
		expect(md).toContain('Hier is het meeste werk: Detectie.');
		const svg = chartSvg(report, chart.rows);
		// Each rating has its own pattern (greyscale print), and its count is written in the bar.
		for (const id of ['vwp-strong', 'vwp-partly', 'vwp-notyet', 'vwp-unknown'])
			expect(svg).toContain(`url(#${id})`);
		expect(svg).toContain('>13</text>');
		expect(svg).toMatch(/aria-label="Score per bouwsteen[^"]*Detectie: 17%/);
	});

	it('groups the confirmed actions by policy objective and action plan, with their codes', () => {
		const { report } = session();
		const md = reportToMarkdown(report);
		const goal1 = md.indexOf(
			'### Beleidsdoelstelling: Iedereen in de gemeente kan rekenen op een zorgzame buurt'
		);
		const goal2 = md.indexOf('### Beleidsdoelstelling: Kwetsbare inwoners worden vroeg opgemerkt');
		const none = md.indexOf('### Nog zonder beleidsdoelstelling');
		expect(goal1).toBeGreaterThan(0);
		expect(goal2).toBeGreaterThan(goal1);
		expect(none).toBeGreaterThan(goal2);
		// Codes first in their cell, in the plan's order (escaped: "1." could start a list).
		expect(md).toContain('| 1\\.1.1 Jaarlijks buurtfeest');
		expect(md.indexOf('1\\.1.1 Jaarlijks')).toBeLessThan(md.indexOf('1\\.1.2 Mantelzorgcafé'));
		// Proposed actions stay out of part 1.
		const part1 = md.slice(0, md.indexOf('# Deel 2'));
		expect(part1).not.toContain('Koffie na de zondagsmarkt');
	});

	it('says in English that contributions stand as written, and translates every label', () => {
		const md = reportToMarkdown(session('en').report);
		expect(md).toContain('contributions are given as they wrote them');
		expect(md).toContain('**Length:** 120 minutes');
		expect(md).toContain('Policy objective');
		expect(md).not.toMatch(/Beleidsdoelstelling|Deelnemers|Bouwsteen|Duur\b/);
		expect(reportToMarkdown(session('nl').report)).not.toContain('as they wrote them');
	});

	it('makes a Word file with the chart as an image with its alt text, and the data as a table', async () => {
		const { report } = session();
		const docx = await reportToDocx(report);
		writeOut('session-nl.docx', docx);
		const zip = await JSZip.loadAsync(docx);
		const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
		expect(media.length).toBeGreaterThan(0);
		const png = await zip.file(media[0]!)!.async('uint8array');
		expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
		const xml = await zip.file('word/document.xml')!.async('string');
		expect(xml).toMatch(/descr="Score per bouwsteen[^"]*Sociale netwerken: 78%/);
		expect(xml).toContain('Sociale netwerken</w:t>');
		const footer = Object.keys(zip.files).find((f) => /word\/footer\d*\.xml/.test(f))!;
		const footerXml = await zip.file(footer)!.async('string');
		expect(footerXml).toContain('pagina ');
		expect(footerXml).toContain('NUMPAGES');
	});

	it('makes a workbook with one sheet per kind of data, labels not ids, numbers as numbers', async () => {
		const { snapshot, workshop, labels } = session();
		const buffer = await reportToXlsx(snapshot, workshop, {
			names: false,
			locale: 'nl',
			labels,
			title: 'Zorgzame buurten'
		});
		writeOut('session-nl.xlsx', buffer);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(buffer as never);
		expect(book.worksheets.map((s) => s.name)).toEqual([
			'Bijdragen',
			'Beoordelingen',
			'Acties',
			'Stemmingen',
			'Checklist',
			'Meerjarenplan'
		]);
		const ratings = book.getWorksheet('Beoordelingen')!;
		expect(ratings.rowCount).toBe(1 + 156);
		expect(ratings.getRow(2).getCell(2).value).not.toMatch(/^[a-z-]+$/);
		const actions = book.getWorksheet('Acties')!;
		expect(actions.rowCount).toBe(1 + 14);
		const dots = actions.getRow(1).values as unknown[];
		const dotsColumn = dots.indexOf('Stippen');
		expect(typeof actions.getRow(2).getCell(dotsColumn).value).toBe('number');
		const votes = book.getWorksheet('Stemmingen')!;
		expect(votes.getRow(1).values).toEqual([
			undefined,
			'Stap',
			'Stelling',
			'voor',
			'tegen',
			'onthouding',
			'Besluit'
		]);
		expect(votes.getRow(2).values).toEqual([
			undefined,
			'Stemming',
			'Elke wijk krijgt een buurtpunt',
			16,
			2,
			2,
			'goedgekeurd'
		]);
		const notes = book.getWorksheet('Bijdragen')!;
		const header = notes.getRow(1).values as unknown[];
		expect(header).not.toContain('Naam');
		const time = notes.getRow(2).getCell(header.indexOf('Tijdstip')).value;
		expect(time).toBeInstanceOf(Date);
		const plan = book.getWorksheet('Meerjarenplan')!;
		expect(plan.getRow(2).getCell(1).value).toBe('1.1.1');
	});

	it('puts the votes in the CSV, with their numbers and outcome', () => {
		const { snapshot, workshop, labels } = session();
		const csv = reportToCsv(snapshot, workshop, { names: false, locale: 'nl', labels });
		const line = csv.split('\r\n').find((l) => l.includes('Elke wijk krijgt een buurtpunt'))!;
		expect(line).toMatch(/^"stemming";"Stemming";/);
		expect(line).toMatch(/"16";"2";"2";"goedgekeurd"$/);
	});
});
