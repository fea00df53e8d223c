// Exports never fail and never carry structure or characters a participant smuggled in:
// bad timestamps, XML-invalid characters, Markdown structure, spreadsheet formulas, huge texts.
import fc from 'fast-check';
import JSZip from 'jszip';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import {
	MAX_ACTION_FIELD,
	MAX_CHECK_NOTE,
	MAX_CLUSTER_TITLE,
	MAX_NAME_LENGTH,
	MAX_NOTE_LENGTH,
	MAX_SYNTHESIS,
	type Note,
	type RoomSnapshot
} from '../../src/lib/board';
import {
	buildReport,
	reportToCsv,
	reportToDocx,
	reportToHtml,
	reportToMarkdown,
	type Report
} from '../../src/lib/report';
import { csvField } from '../../src/lib/report/csv';
import { escapeMarkdown, MAX_REPORT_ID } from '../../src/lib/report/text';
import { CREATED_AT, FIXTURE_WORKSHOP, fixtureRoom, LABELS } from '../fixtures/report-room';

const note = (overrides: Partial<Note>): Note => ({
	id: 'n',
	text: 'Een notitie',
	step: 'kennismaking',
	column: '',
	author: 'p9',
	authorName: '',
	created: CREATED_AT,
	hidden: false,
	cluster: '',
	mergedInto: '',
	...overrides
});

const reportOf = (
	snapshot: RoomSnapshot,
	overrides: Partial<Parameters<typeof buildReport>[0]> = {}
) =>
	buildReport({
		title: 'Zorgzame buurt',
		createdAt: CREATED_AT,
		workshop: FIXTURE_WORKSHOP,
		snapshot,
		participants: 3,
		locale: 'nl',
		names: true,
		labels: LABELS,
		...overrides
	});

const csvOf = (snapshot: RoomSnapshot) =>
	reportToCsv(snapshot, FIXTURE_WORKSHOP, { names: true, locale: 'nl' });

/** XML 1.0's Char production: anything outside it makes the document not well-formed. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const BAD_CHARACTERS = [
	'\uFFFE',
	'\uFFFF',
	'\u0000',
	'\u0001',
	'\u0008',
	'\u000B',
	'\u000C',
	'\u001F',
	'\uD800'
];

describe('CSV with bad timestamps', () => {
	const BAD_TIMES: unknown[] = [
		NaN,
		Infinity,
		-Infinity,
		'2026-11-22',
		1e20,
		-1e20,
		8.64e15 + 1,
		1e15
	];

	it('answers every note and action, with an empty time where the stored one is unusable', () => {
		for (const created of BAD_TIMES) {
			const { snapshot } = fixtureRoom();
			snapshot.board.notes.push(
				note({ id: 'bad', text: 'Slechte tijd', created: created as number })
			);
			snapshot.board.actions = snapshot.board.actions.map((a) => ({
				...a,
				created: created as number
			}));
			let csv = '';
			expect(() => (csv = csvOf(snapshot)), String(created)).not.toThrow();
			const row = csv.split('\r\n').find((line) => line.includes('Slechte tijd'))!;
			// The time is the seventh column (the step's id is not in the file).
			const time = (line: string) => line.split(';')[6];
			expect(time(row), String(created)).toBe('""');
			const actions = csv.split('\r\n').filter((line) => line.startsWith('"actie"'));
			expect(actions.length).toBeGreaterThan(0);
			for (const line of actions) expect(time(line)).toBe('""');
		}
	});

	it('keeps good times as ISO 8601', () => {
		const { snapshot } = fixtureRoom();
		expect(csvOf(snapshot)).toContain('"2026-11-22T09:30:01.000Z"');
	});

	it('builds the report model from a room with a bad creation time', () => {
		const { snapshot } = fixtureRoom();
		expect(() => reportOf(snapshot, { createdAt: NaN })).not.toThrow();
		expect(reportOf(snapshot, { createdAt: NaN }).date).toBe('');
	});
});

describe('CSV formulas', () => {
	const STARTS = [
		'=',
		'+',
		'-',
		'@',
		'\uFF1D',
		'\uFF0B',
		'\uFF0D',
		'\uFF20',
		'\uFE66',
		'\uFE62',
		'\uFE63',
		'\uFE6B',
		'\u2212'
	];
	const LEADS = [
		'',
		' ',
		'  ',
		'\n',
		'\r\n',
		'\t',
		'\u00A0',
		'\u3000',
		'\u200B',
		'\uFEFF',
		'\u0000',
		'\u001F',
		' \n\t '
	];

	it('neutralise every formula start, also after leading spaces, line breaks or invisible characters', () => {
		for (const lead of LEADS)
			for (const start of STARTS) {
				const value = `${lead}${start}HYPERLINK("http://evil.example")`;
				expect(csvField(value), JSON.stringify(value)).toMatch(/^"'/);
			}
	});

	it('neutralise a leading tab, carriage return or line feed, and nothing harmless', () => {
		for (const lead of ['\t', '\r', '\n']) expect(csvField(`${lead}x`)).toMatch(/^"'/);
		for (const value of ['Buurtfeest', ' buurt', '2027', '(09) 123 45 67', 'a=b'])
			expect(csvField(value)).toBe(`"${value}"`);
	});

	it('leave no hidden formula in the CSV of a room', () => {
		const { snapshot } = fixtureRoom();
		snapshot.board.notes.push(
			note({ id: 'f1', text: '\n=1+1' }),
			note({ id: 'f2', text: '\uFF1DSUM(A1)' })
		);
		const csv = csvOf(snapshot);
		expect(csv).toContain(`"'\n=1+1"`);
		expect(csv).toContain(`"'\uFF1DSUM(A1)"`);
	});
});

function hostileReport(text: string): Report {
	const { snapshot } = fixtureRoom();
	snapshot.board.notes.push(
		note({ id: 'x1', text: `Begin${text}einde`, authorName: text }),
		note({ id: 'x2', step: 'denkoefening', column: 'wie', text })
	);
	snapshot.board.clusters.push({ id: 'cx', step: 'actoren', title: `Cluster${text}`, created: 0 });
	snapshot.board.notes.push(note({ id: 'x3', step: 'actoren', cluster: 'cx', text }));
	snapshot.board.checklist.push({
		step: 'voorbereiding',
		item: `item${text}`,
		answer: 'yes',
		note: text
	});
	snapshot.board.ratings.push({
		step: 'referentiekader',
		participant: 'p9',
		block: `blok${text}`,
		rating: 'notyet'
	});
	snapshot.board.actions.push({
		id: 'ax',
		step: 'aan-de-slag',
		title: `Actie${text}`,
		block: '',
		lead: text,
		partners: text,
		when: text,
		firstStep: text,
		status: 'proposed',
		author: 'p9',
		created: CREATED_AT,
		hidden: false
	});
	return reportOf(snapshot, { title: `Titel${text}` });
}

describe('DOCX, HTML and Markdown with XML-invalid characters', () => {
	const text = BAD_CHARACTERS.join('x');

	it('write a DOCX whose every XML part is well-formed', async () => {
		const zip = await JSZip.loadAsync(await reportToDocx(hostileReport(text)));
		const parts = Object.keys(zip.files).filter((name) => /\.(xml|rels)$/.test(name));
		expect(parts.length).toBeGreaterThan(3);
		for (const name of parts) {
			const xml = await zip.file(name)!.async('string');
			expect(NOT_XML_CHAR.test(xml), name).toBe(false);
		}
		const document = await zip.file('word/document.xml')!.async('string');
		expect(document).toContain('Actiexxxxxxxx');
	});

	it('strip them from a report model built anywhere, not only by buildReport', async () => {
		const report: Report = {
			...hostileReport(''),
			title: `Titel${text}`,
			workshopTitle: `Werkwinkel${text}`,
			sources: [text]
		};
		report.sections[1]!.blocks.push(
			{ kind: 'text', text },
			{ kind: 'items', title: text, items: [{ text, votes: 1, author: text }] },
			{ kind: 'table', columns: [text], rows: [[text]] }
		);
		report.sections[1]!.synthesis = text;
		const zip = await JSZip.loadAsync(await reportToDocx(report));
		for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n)))
			expect(NOT_XML_CHAR.test(await zip.file(name)!.async('string')), name).toBe(false);
		expect(NOT_XML_CHAR.test(reportToHtml(report))).toBe(false);
		expect(NOT_XML_CHAR.test(reportToMarkdown(report))).toBe(false);
	});

	it('write HTML and Markdown without them', () => {
		const report = hostileReport(text);
		expect(NOT_XML_CHAR.test(reportToHtml(report))).toBe(false);
		expect(NOT_XML_CHAR.test(reportToMarkdown(report))).toBe(false);
		expect(NOT_XML_CHAR.test(csvOf(fixtureRoom().snapshot))).toBe(false);
	});
});

/** The tags a Markdown text renders to, in order, without line breaks: its structure. */
const structure = (markdown: string) =>
	(marked.parse(markdown, { async: false }).match(/<\/?[a-z][a-z0-9]*/g) ?? [])
		.filter((tag) => !/^<\/?br$/.test(tag))
		.join(' ');

describe('participant text in Markdown', () => {
	const benign = structure(reportToMarkdown(hostileReport('')));

	it('never becomes a heading, list, quote, table, code or HTML, on any line', () => {
		for (const text of [
			'\n# Kop',
			'\n\n# Kop',
			'\r\n## Kop',
			'\n> citaat',
			'\n- lijst',
			'\n* lijst',
			'\n1. lijst',
			'\n2) lijst',
			'\n\n    code',
			'\n\tcode',
			'\n```\ncode\n```',
			'\n<div>html</div>',
			'\n| a | b |\n| - | - |\n| c | d |',
			'\n---',
			'\n***',
			'\n===',
			'\n:---',
			'\n| a |\n:---:',
			'\n\nnieuwe alinea',
			'\u2028# Kop',
			'\n\u00A0# Kop',
			'\n\u3000# Kop'
		])
			expect(structure(reportToMarkdown(hostileReport(text))), JSON.stringify(text)).toBe(benign);
	});

	it('keeps its structure whatever a participant types (fast-check)', () => {
		const unit = fc.constantFrom(
			...['\n', '\r', '\r\n', '\n\n', ' ', '    ', '\t', '\f', '\v', '\u00A0', '\u2028'],
			...['#', '>', '-', '*', '+', '=', '_', '`', '~', '|', '<', '/', '!', '&', '\\', ':'],
			...['1', '.', ')', '[', ']', '(', 'a', 'b', 'div', '<!--', '```', '---', ':', '\uFFFE']
		);
		fc.assert(
			fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
				expect(structure(reportToMarkdown(hostileReport(text)))).toBe(benign);
			}),
			{ numRuns: 300 }
		);
	});

	it('keeps line breaks inside the one paragraph', () => {
		expect(escapeMarkdown('Eerste regel\n\n  # tweede')).toBe('Eerste regel  \n  \\# tweede');
		expect(marked.parse(`- ${escapeMarkdown('a\n\nb')}`, { async: false })).toBe(
			'<ul>\n<li>a<br>b</li>\n</ul>\n'
		);
	});

	it('lets a synthesis have paragraphs, and nothing else', () => {
		const { snapshot } = fixtureRoom();
		snapshot.control.synthesis.vision = 'Eerste alinea\n\n# Kop\n\n    code\n\n> citaat';
		const section = reportToMarkdown(reportOf(snapshot))
			.split('## Onze visie')[1]!
			.split('## ')[0]!;
		expect(structure(section)).toBe('<p </p <p </p <p </p <p </p');
	});
});

describe('texts over the board limits, from rooms stored before the server enforced them', () => {
	const huge = (c: string) => c.repeat(900_000);

	function oversizedRoom(): RoomSnapshot {
		const { snapshot } = fixtureRoom();
		snapshot.board.notes.push(
			note({ id: 'big', text: huge('n'), authorName: huge('a') }),
			note({ id: 'col', step: 'denkoefening', column: huge('k') }),
			note({ id: 'clu', step: 'actoren', cluster: 'cbig' })
		);
		snapshot.board.clusters.push({ id: 'cbig', step: 'actoren', title: huge('c'), created: 0 });
		snapshot.board.checklist.push({
			step: 'voorbereiding',
			item: huge('i'),
			answer: 'no',
			note: huge('v')
		});
		snapshot.board.ratings.push({
			step: 'referentiekader',
			participant: 'p9',
			block: huge('b'),
			rating: 'strong'
		});
		snapshot.board.actions.push({
			id: 'abig',
			step: 'aan-de-slag',
			title: huge('t'),
			block: huge('b'),
			lead: huge('l'),
			partners: huge('p'),
			when: huge('w'),
			firstStep: huge('f'),
			status: 'proposed',
			author: 'p9',
			created: CREATED_AT,
			hidden: false
		});
		snapshot.control.synthesis.vision = huge('s');
		return snapshot;
	}

	it('cuts every participant text in the report model at the limit, with an ellipsis', () => {
		const report = reportOf(oversizedRoom());
		const json = JSON.stringify(report);
		expect(json.length).toBeLessThan(MAX_SYNTHESIS + 40_000);
		const cut = (c: string, limit: number) => `${c.repeat(limit - 1)}…`;
		expect(json).toContain(`"text":"${cut('n', MAX_NOTE_LENGTH)}"`);
		expect(json).toContain(`"author":"${cut('a', MAX_NAME_LENGTH)}"`);
		expect(json).toContain(`"title":"${cut('c', MAX_CLUSTER_TITLE)}"`);
		expect(json).toContain(`"title":"${cut('k', MAX_REPORT_ID)}"`);
		expect(json).toContain(`"${cut('v', MAX_CHECK_NOTE)}"`);
		expect(json).toContain(`"${cut('i', MAX_REPORT_ID)}"`);
		expect(json).toContain(`"label":"${cut('b', MAX_REPORT_ID)}"`);
		for (const c of 'tlpwf') expect(json).toContain(`"${cut(c, MAX_ACTION_FIELD)}"`);
		expect(report.sections.find((s) => s.id === 'vision')!.synthesis).toBe(cut('s', MAX_SYNTHESIS));
		for (const c of 'nacvkitlpwfb') expect(json).not.toContain(c.repeat(MAX_SYNTHESIS));
	});

	it('keeps every renderer small', async () => {
		const snapshot = oversizedRoom();
		const report = reportOf(snapshot);
		expect(reportToMarkdown(report).length).toBeLessThan(100_000);
		expect(reportToHtml(report).length).toBeLessThan(100_000);
		expect((await reportToDocx(report)).length).toBeLessThan(100_000);
		const csv = csvOf(snapshot);
		expect(csv.length).toBeLessThan(20_000);
		expect(csv).toContain(`"${'n'.repeat(MAX_NOTE_LENGTH - 1)}…"`);
	});

	it('never splits a character made of two code units', () => {
		const { snapshot } = fixtureRoom();
		snapshot.board.notes.push(note({ id: 'emoji', text: '🙂'.repeat(MAX_NOTE_LENGTH) }));
		const item = JSON.stringify(reportOf(snapshot)).match(/"text":"(🙂+…)"/u)![1]!;
		expect(item.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
		expect(NOT_XML_CHAR.test(item)).toBe(false);
	});
});
