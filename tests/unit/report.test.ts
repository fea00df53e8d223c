import JSZip from 'jszip';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import {
	buildExport,
	buildReport,
	reportToCsv,
	reportToDocx,
	reportToHtml,
	reportToMarkdown,
	type Report
} from '../../src/lib/report';
import { csvField } from '../../src/lib/report/csv';
import { escapeMarkdown } from '../../src/lib/report/text';
import {
	CREATED_AT,
	FIXTURE_WORKSHOP,
	fixtureRoom,
	HOSTILE,
	LABELS
} from '../fixtures/report-room';
import { goldenText } from '../helpers/golden';

/** Compares with a committed file (a missing one fails); UPDATE_GOLDEN=1 writes it instead. */
function golden(name: string, actual: string) {
	expect(actual).toBe(goldenText(name, actual));
}

function report(overrides: Partial<Parameters<typeof buildReport>[0]> = {}): Report {
	const { snapshot } = fixtureRoom();
	return buildReport({
		title: 'Zorgzame buurt Kessel-Lo',
		createdAt: CREATED_AT,
		workshop: FIXTURE_WORKSHOP,
		snapshot,
		participants: 3,
		locale: 'nl',
		names: true,
		labels: LABELS,
		...overrides
	});
}

const section = (r: Report, id: string) => r.sections.find((s) => s.id === id)!;

describe('report model', () => {
	it('has the sections of the workshop, the facilitator texts and the counts', () => {
		const r = report();
		expect(r.sections.map((s) => s.id)).toEqual([
			'vision',
			'themes',
			'framework',
			'plan',
			'agreements',
			'sources',
			'intro',
			'kennismaking',
			'verwachtingen',
			'denkoefening',
			'actoren',
			'voorbereiding',
			'referentiekader',
			'aan-de-slag',
			'resoluties'
		]);
		expect(section(r, 'vision').synthesis).toContain('samen voor elkaar');
		expect(r.date).toBe('2026-11-22');
		expect(r.participants).toBe(3);
	});

	it('leaves hidden contributions out and puts the most-voted first', () => {
		const r = report();
		expect(JSON.stringify(r)).not.toContain('Dit wordt verborgen');
		const groups = section(r, 'denkoefening').blocks.filter((b) => b.kind === 'items');
		expect(groups.map((g) => g.kind === 'items' && g.title)).toEqual([
			'Wie moet er zijn?',
			'Wat is er?',
			'Wie werkt er?'
		]);
		const wat = groups[1]!;
		expect(wat.kind === 'items' && wat.items[0]).toEqual({
			text: 'Een buurthuis met koffie',
			votes: 2,
			author: ''
		});
	});

	it('shows names only when the report allows them', () => {
		expect(JSON.stringify(report())).toContain('An, buurtwerker');
		expect(JSON.stringify(report())).toMatch(/"author":"An"/);
		expect(JSON.stringify(report({ names: false }))).not.toMatch(/"author":"An"/);
	});

	it('groups clustered notes under the cluster title', () => {
		const blocks = section(report(), 'actoren').blocks;
		expect(blocks).toEqual([
			{
				kind: 'items',
				title: 'Veiligheid en wonen',
				items: [
					{ text: 'Wijkagent', votes: 0, author: '' },
					{ text: 'Sociale huisvestingsmaatschappij', votes: 0, author: '' }
				]
			}
		]);
	});

	it('gives the spread per building block and the blocks fulfilled least', () => {
		const heat = section(report(), 'referentiekader').blocks.find((b) => b.kind === 'heatmap')!;
		expect(heat.kind === 'heatmap' && heat.rows.map((r) => [r.label, r.counts])).toEqual([
			['Detectie', { strong: 0, partly: 1, notyet: 2, unknown: 0 }],
			['Toeleiding', { strong: 0, partly: 1, notyet: 0, unknown: 0 }],
			['Sociale netwerken', { strong: 2, partly: 0, notyet: 0, unknown: 1 }]
		]);
		expect(heat.kind === 'heatmap' && heat.least).toEqual([
			'Detectie',
			'Toeleiding',
			'Sociale netwerken'
		]);
	});

	it('records the outcome of each statement and sorts the action plan by priority', () => {
		const r = report();
		const ballots = section(r, 'resoluties').blocks[0]!;
		expect(ballots.kind === 'ballots' && ballots.rows.map((b) => [b.statement, b.outcome])).toEqual(
			[
				['Elke buurt krijgt een buurtpunt', 'approved'],
				['Mantelzorgers krijgen een premie', 'not-approved']
			]
		);
		const plan = section(r, 'aan-de-slag').blocks.find((b) => b.kind === 'table')!;
		expect(plan.kind === 'table' && plan.rows.map((row) => row[0])).toEqual([
			'Signaalkaart voor huisartsen',
			'Buurtfeest in de Kapelstraat'
		]);
	});
});

describe('renderers', () => {
	it('match the golden Markdown, HTML, CSV and JSON', () => {
		const r = report();
		const { control, board } = fixtureRoom();
		const exported = buildExport(
			{ title: 'Zorgzame buurt Kessel-Lo', workshop: FIXTURE_WORKSHOP.id, createdAt: CREATED_AT },
			control,
			board
		);
		golden('room.json', JSON.stringify(exported, null, 2) + '\n');
		golden('report.md', reportToMarkdown(r));
		golden('report.html', reportToHtml(r));
		golden(
			'report.csv',
			reportToCsv(fixtureRoom().snapshot, FIXTURE_WORKSHOP, {
				names: true,
				locale: 'nl',
				labels: LABELS
			})
		);
	});

	it('keep hostile text inert in Markdown and HTML', () => {
		const md = reportToMarkdown(report());
		expect(md).not.toMatch(/(?<!\\)<script/);
		// What a Markdown reader makes of it: text, never a tag or a javascript: link.
		const rendered = marked.parse(md, { async: false });
		expect(rendered).not.toMatch(/<script|<img|href="javascript:/);
		expect(rendered).toContain('&lt;script&gt;');
		expect(md).toContain(escapeMarkdown(HOSTILE[0]!));
		const html = reportToHtml(report());
		expect(html).not.toMatch(/<script|<img|<b>Eve/);
		expect(html).toContain('&#60;script&#62;');
	});

	it('neutralise formula prefixes in CSV', () => {
		for (const start of ['=', '+', '-', '@']) expect(csvField(`${start}1`)).toBe(`"'${start}1"`);
		const csv = reportToCsv(fixtureRoom().snapshot, FIXTURE_WORKSHOP, {
			names: true,
			locale: 'nl'
		});
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
		expect(csv).not.toMatch(/(^|;)"[=+\-@]/m);
		expect(csv).not.toContain('Dit wordt verborgen');
	});

	it('write a Word document with headings, tables, shaded heat map cells and page numbers', async () => {
		const zip = await JSZip.loadAsync(await reportToDocx(report()));
		const xml = await zip.file('word/document.xml')!.async('string');
		expect(xml).toContain('<w:pStyle w:val="Title"/>');
		// Two parts (heading 1), fifteen sections (heading 2): no level skipped.
		expect((xml.match(/<w:pStyle w:val="Heading1"\/>/g) ?? []).length).toBe(2);
		expect((xml.match(/<w:pStyle w:val="Heading2"\/>/g) ?? []).length).toBe(15);
		expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(4);
		expect(xml).toMatch(/<w:shd [^>]*w:fill="[0-9A-F]{6}"/);
		expect(xml).toContain('Signaalkaart voor huisartsen');
		expect(xml).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
		expect(xml).not.toContain('<script');
		const footer = Object.keys(zip.files).find((name) => name.startsWith('word/footer'))!;
		expect(await zip.file(footer)!.async('string')).toContain('PAGE');
	});
});
