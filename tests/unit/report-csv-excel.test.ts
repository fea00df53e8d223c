// The CSV opens in Excel in a Flemish locale: BOM, `;`, labels not ids, one field per column.
import { describe, expect, it } from 'vitest';
import { addNote } from '../../src/lib/board';
import { reportToCsv } from '../../src/lib/report';
import { CREATED_AT, FIXTURE_WORKSHOP, fixtureRoom, LABELS } from '../fixtures/report-room';
import { fromYdoc } from '../../src/lib/board';

function csv(locale: 'nl' | 'en' = 'nl') {
	const { control, board } = fixtureRoom();
	addNote(board, {
		id: 'c1',
		step: 'denkoefening',
		column: 'wie',
		text: 'Chloë zegt: één buurt',
		author: 'p5',
		authorName: 'Chloë',
		created: CREATED_AT
	});
	return reportToCsv(fromYdoc(control, board), FIXTURE_WORKSHOP, {
		names: true,
		locale,
		labels: LABELS
	});
}

const rows = (text: string) =>
	text
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split('\r\n');
const cells = (line: string) => line.split(';').map((c) => c.replace(/^"|"$/g, ''));

describe('the CSV for Excel', () => {
	it('starts with a UTF-8 byte order mark and separates fields with a semicolon', () => {
		const text = csv();
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const [header, ...body] = rows(text);
		// 20 columns (3 of them an action's place in the multi-year plan), and for, against,
		// abstain and decision of a vote.
		expect(cells(header!)).toHaveLength(24);
		for (const line of body) expect(cells(line)).toHaveLength(24);
		expect(Buffer.from(text, 'utf8').toString('utf8')).toContain('Chloë zegt: één buurt');
	});

	it('has labels in the report language, never internal ids', () => {
		const text = csv();
		expect(cells(rows(text)[0]!).slice(0, 5)).toEqual(['Soort', 'Stap', 'Kolom', 'Thema', 'Tekst']);
		expect(text).toContain('"Wie moet er zijn?"');
		expect(text).not.toMatch(/"(wie|denkoefening|sociale-netwerken|detectie)"/);
		expect(cells(rows(csv('en'))[0]!)[0]).toBe('Kind');
	});

	it('puts each action field in its own column, and includes ratings, dots and answers', () => {
		const lines = rows(csv()).map(cells);
		const action = lines.find((l) => l[4] === 'Signaalkaart voor huisartsen')!;
		expect(action.slice(7, 18)).toEqual([
			'1',
			'Detectie',
			'',
			'OCMW',
			'huisartsenkring',
			'voorjaar 2027',
			'Overleg plannen',
			'',
			'',
			'',
			'bevestigd'
		]);
		expect(lines.filter((l) => l[0] === 'beoordeling')).toHaveLength(7);
		expect(lines.find((l) => l[4] === 'Een buurthuis met koffie')![7]).toBe('2');
		expect(lines.find((l) => l[4] === 'Mandaat')!.slice(18, 20)).toEqual([
			'ja',
			'Beslissing college 3 maart'
		]);
	});
});
