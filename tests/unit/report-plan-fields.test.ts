// The multi-year plan fields (objective, action plan, code) in every export that lists actions:
// the annex's action table and the CSV's action rows, as the plan CSV and the workbook show them,
// escaped like every other participant text.
import ExcelJS from 'exceljs';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { fromYdoc, updateAction, MAX_ACTION_FIELD } from '../../src/lib/board';
import {
	buildReport,
	reportToCsv,
	reportToHtml,
	reportToMarkdown,
	type ReportBlock
} from '../../src/lib/report';
import { reportToXlsx } from '../../src/lib/report/xlsx';
import { columnWidths } from '../../src/lib/report/docx';
import { CREATED_AT, FIXTURE_WORKSHOP, fixtureRoom, LABELS } from '../fixtures/report-room';

const HOSTILE = {
	goal: '=HYPERLINK("http://x","klik")',
	actionPlan: '<img src=x onerror=alert(1)> | *vet* [link](http://x)',
	code: '+1.2'
};

function plannedRoom(plan: Partial<typeof HOSTILE> = HOSTILE) {
	const { control, board } = fixtureRoom();
	updateAction(board, 'x2', plan);
	return fromYdoc(control, board);
}

const reportOf = (snapshot: ReturnType<typeof plannedRoom>) =>
	buildReport({
		title: 'Zorgzame buurt',
		createdAt: CREATED_AT,
		workshop: FIXTURE_WORKSHOP,
		snapshot,
		participants: 3,
		locale: 'nl',
		names: false,
		labels: LABELS
	});

type TableBlock = Extract<ReportBlock, { kind: 'table' }>;

const annexActions = (report: ReturnType<typeof reportOf>) =>
	report.sections
		.filter((s) => s.part === 'annex')
		.flatMap((s) => s.blocks)
		.find((b): b is TableBlock => b.kind === 'table' && b.columns[0] === 'Actie');

describe('plan fields of an action', () => {
	it('stand in the annex table, in one column from the top of the plan, only where an action has them', () => {
		const plain = annexActions(reportOf(fromYdoc(fixtureRoom().control, fixtureRoom().board)));
		expect(plain?.columns).not.toContain('Beleidsdoelstelling');
		const table = annexActions(reportOf(plannedRoom({ goal: 'Ontmoeting', code: '1.1' })))!;
		expect(table.columns).toEqual([
			'Actie',
			'Bouwsteen',
			'Trekker',
			'Met wie',
			'Wanneer',
			'Eerste stap',
			'Plaats in het meerjarenplan',
			'Stippen',
			'Status'
		]);
		const row = table.rows.find((r) => r.includes('Ontmoeting › 1.1'))!;
		expect(row[0]).toBe('Signaalkaart voor huisartsen');
		// Actions without a place in the plan get an empty cell, not "undefined".
		for (const other of table.rows.filter((r) => r !== row)) expect(other[6]).toBe('');
		const full = annexActions(reportOf(plannedRoom({ ...HOSTILE, goal: 'Ontmoeting' })))!;
		expect(full.rows.flat()).toContain(
			'Ontmoeting › <img src=x onerror=alert(1)> | *vet* [link](http://x) › +1.2'
		);
	});

	it('are cut at the board’s limit like every action field', () => {
		const table = annexActions(reportOf(plannedRoom({ goal: 'g'.repeat(MAX_ACTION_FIELD) })))!;
		expect(table.rows.flat()).toContain('g'.repeat(MAX_ACTION_FIELD));
	});

	it('are escaped in Markdown and HTML: no tag, link or table cell a participant typed', () => {
		const report = reportOf(plannedRoom());
		const html = reportToHtml(report);
		expect(html).not.toContain('<img');
		expect(html).toContain(
			'&#60;img src=x onerror=alert(1)&#62; | *vet* [link](http://x) › +1.2</td>'
		);
		const rendered = marked.parse(reportToMarkdown(report)) as string;
		expect(rendered).not.toContain('<img');
		// A bare address may become a link (as anywhere in the report); the Markdown link syntax not.
		expect(rendered).not.toContain('>link</a>');
		expect(rendered).not.toContain('<em>vet</em>');
		// The pipe stays inside its cell: every row of the annex's action table keeps 9 cells.
		const planRow = rendered.match(/<tr>(?:(?!<\/tr>)[\s\S])*?onerror(?:(?!<\/tr>)[\s\S])*<\/tr>/)!;
		expect(planRow[0].match(/<td/g)).toHaveLength(9);
	});

	it('have their own columns in the CSV’s action rows, never read as a formula', () => {
		const csv = reportToCsv(plannedRoom(), FIXTURE_WORKSHOP, {
			names: false,
			locale: 'nl',
			labels: LABELS
		});
		const [header, ...lines] = csv.slice(1).trim().split('\r\n');
		const columns = header!.split(';');
		const at = (name: string) => columns.indexOf(`"${name}"`);
		expect(at('Beleidsdoelstelling')).toBeGreaterThan(at('Eerste stap'));
		expect([at('Actieplan'), at('Code')]).toEqual([
			at('Beleidsdoelstelling') + 1,
			at('Beleidsdoelstelling') + 2
		]);
		const action = lines.find((l) => l.includes('HYPERLINK'))!.split(';');
		expect(action).toHaveLength(columns.length);
		expect(action[at('Beleidsdoelstelling')]).toBe(`"'=HYPERLINK(""http://x"",""klik"")"`);
		expect(action[at('Code')]).toBe(`"'+1.2"`);
		// Every row keeps the same number of fields.
		for (const line of lines) expect(line.split(';').length).toBeGreaterThanOrEqual(columns.length);
	});

	it('stand on the workbook’s action sheet as text', async () => {
		const buffer = await reportToXlsx(plannedRoom(), FIXTURE_WORKSHOP, {
			names: false,
			locale: 'nl',
			labels: LABELS,
			title: 't'
		});
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(buffer as never);
		const sheet = workbook.worksheets.find((w) => w.name === 'Acties')!;
		const header = (sheet.getRow(1).values as unknown[]).slice(1);
		expect(header).toEqual(expect.arrayContaining(['Beleidsdoelstelling', 'Actieplan', 'Code']));
		const column = header.indexOf('Beleidsdoelstelling') + 1;
		const cells = sheet.getColumn(column).values.slice(2);
		expect(cells).toContain(HOSTILE.goal);
	});
});

describe('a wide table in Word', () => {
	it('keeps its short columns whole and cuts only the widest when the longest words do not fit', () => {
		const columns = [
			'Actie',
			'Trekker',
			'Met wie',
			'Plaats in het meerjarenplan',
			'Stippen',
			'Status'
		];
		const rows = [
			[
				'Mantelzorgverenigingsbijeenkomst',
				'Beleidsmedewerkerswelzijnsdienst',
				'Ondersteuningspakketverantwoordelijke',
				'Samenwerkingsverbandsdoelstellingen',
				'12',
				'bevestigd'
			]
		];
		const widths = columnWidths(columns, rows, 8000, 9);
		expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8000);
		// "Stippen" and "bevestigd" keep the room their longest word needs (at least the 600 of a
		// short word and the cell's margins) …
		for (const short of widths.slice(4)) expect(short).toBeGreaterThanOrEqual(900);
		// … and the four columns of long words share the rest equally.
		expect(new Set(widths.slice(0, 4)).size).toBe(1);
		expect(widths[0]).toBeGreaterThan(widths[5]!);
	});
});
