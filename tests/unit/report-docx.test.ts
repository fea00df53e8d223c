// Word: line breaks kept, the document's language set, table columns that never split a word.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildReport, reportToDocx } from '../../src/lib/report';
import { columnWidths } from '../../src/lib/report/docx';
import { CREATED_AT, FIXTURE_WORKSHOP, fixtureRoom, LABELS } from '../fixtures/report-room';

async function documentXml(locale: 'nl' | 'fr') {
	const r = buildReport({
		title: 'Zorgzame buurt',
		createdAt: CREATED_AT,
		workshop: FIXTURE_WORKSHOP,
		snapshot: fixtureRoom().snapshot,
		participants: 3,
		locale,
		names: false,
		labels: LABELS
	});
	r.sections.find((s) => s.id === 'agreements')!.synthesis =
		'1. Buurtpunt openen\n2. Mantelzorgers bellen\n3. Evaluatie in juni';
	const zip = await JSZip.loadAsync(await reportToDocx(r));
	return {
		document: await zip.file('word/document.xml')!.async('string'),
		styles: await zip.file('word/styles.xml')!.async('string')
	};
}

describe('the Word report', () => {
	it('keeps the line breaks inside a text', async () => {
		const { document } = await documentXml('nl');
		expect(document).toMatch(/Buurtpunt openen<\/w:t><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:br\/>/);
	});

	it('sets the document language', async () => {
		expect((await documentXml('nl')).styles).toContain('<w:lang w:val="nl-BE"/>');
		expect((await documentXml('fr')).styles).toContain('<w:lang w:val="fr-BE"/>');
	});

	it('gives every column room for its longest word, within the page', async () => {
		const columns = ['Actie', 'Bouwsteen', 'Trekker', 'Met wie', 'Wanneer', 'Eerste stap'];
		const rows = [
			[
				'Signaalkaart voor huisartsen',
				'Detectie',
				'OCMW',
				'huisartsenkring',
				'voorjaar 2027',
				'Overleg plannen'
			]
		];
		const widths = columnWidths(columns, rows);
		expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9638);
		const longest = (i: number) =>
			Math.max(...[columns, ...rows].flatMap((r) => r[i]!.split(' ').map((w) => w.length)));
		widths.forEach((w, i) => expect(w, columns[i]).toBeGreaterThanOrEqual(longest(i) * 120));
		const { document } = await documentXml('nl');
		expect(document).toContain('<w:tblLayout w:type="fixed"/>');
	});
});
