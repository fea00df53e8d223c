// Part 1 of the report, the vision document: synthesis first, themes, framework, plan, sources.
import { describe, expect, it } from 'vitest';
import { buildReport, reportToMarkdown, type Report } from '../../src/lib/report';
import { dateInWords } from '../../src/lib/report/build';
import type { Workshop } from '../../src/lib/workshop/types';
import { CREATED_AT, FIXTURE_WORKSHOP, fixtureRoom, LABELS } from '../fixtures/report-room';

const VISION_WORKSHOP: Workshop = {
	...FIXTURE_WORKSHOP,
	steps: [
		...FIXTURE_WORKSHOP.steps,
		{
			id: 'visie',
			type: 'brainstorm',
			minutes: 10,
			title: { nl: 'Visiezinnen', en: 'Vision sentences', fr: 'Visiezinnen' },
			prompt: { nl: 'Schrijf een visiezin.', en: 'Write a vision sentence.', fr: '…' }
		}
	],
	sources: [{ id: 'vvsg', title: 'Minder mazen, meer net', author: 'VVSG', year: '2024' }]
};

function report(locale: 'nl' | 'en' | 'fr' = 'nl', names = true): Report {
	const { snapshot } = fixtureRoom();
	const note = (id: string, step: string, text: string, cluster = '') =>
		snapshot.board.notes.push({
			id,
			step,
			text,
			column: '',
			author: 'p1',
			authorName: 'Chloë',
			created: CREATED_AT,
			hidden: false,
			cluster,
			mergedInto: ''
		} as never);
	note('s1', 'visie', 'Elke buur kent iemand die helpt');
	for (let i = 0; i < 5; i++) note(`t${i}`, 'actoren', `Uitspraak ${i}`, 'c1');
	return buildReport({
		title: 'Zorgzame buurt',
		createdAt: CREATED_AT,
		workshop: VISION_WORKSHOP,
		snapshot,
		participants: 20,
		locale,
		names,
		labels: LABELS
	});
}

describe('the vision document (part 1)', () => {
	it('comes first: vision, themes, framework, plan, agreements, sources; then the annex', () => {
		const r = report();
		const parts = r.sections.map((s) => `${s.part}:${s.id}`);
		expect(parts.slice(0, 6)).toEqual([
			'vision:vision',
			'vision:themes',
			'vision:framework',
			'vision:plan',
			'vision:agreements',
			'vision:sources'
		]);
		expect(parts.slice(6).every((p) => p.startsWith('annex:'))).toBe(true);
		const md = reportToMarkdown(r);
		expect(md.indexOf('# Deel 1')).toBeLessThan(md.indexOf('## Onze visie'));
		expect(md.indexOf('## Bronnen')).toBeLessThan(md.indexOf('# Deel 2'));
		expect(md.indexOf('# Deel 2')).toBeLessThan(md.indexOf('## Kennismaking'));
	});

	it('opens with the facilitator synthesis and the vision step sentences, without names', () => {
		const vision = report().sections[0]!;
		expect(vision.synthesis).toContain('samen voor elkaar');
		expect(JSON.stringify(vision.blocks)).toContain('Elke buur kent iemand die helpt');
		const part1 = JSON.stringify(report().sections.filter((s) => s.part === 'vision'));
		expect(part1).not.toContain('Chloë');
		expect(part1).not.toContain('Eve');
	});

	it('names the top themes with card and dot counts and at most three quotes', () => {
		const themes = report().sections[1]!;
		const items = themes.blocks.filter((b) => b.kind === 'items');
		expect(items).toHaveLength(1);
		const theme = items[0]!;
		if (theme.kind !== 'items') throw new Error('items');
		expect(theme.title).toBe('Veiligheid en wonen (7 kaartjes, 0 stippen)');
		expect(theme.items).toHaveLength(3);
	});

	it('scores every block in its group and names the strongest and the weakest', () => {
		const md = reportToMarkdown(report());
		expect(md).toContain('| Minder mazen | Detectie | 17% | 0 | 1 | 2 | 0 |');
		expect(md).toContain('| Meer net | Sociale netwerken | 100% | 2 | 0 | 0 | 1 |');
		expect(md).toContain('Hier staan we het sterkst: Sociale netwerken.');
		expect(md).toContain('Hier is het meeste werk: Detectie.');
	});

	it('lists only confirmed actions, with their fields, and the workshop sources', () => {
		const md = reportToMarkdown(report());
		const plan = md.slice(md.indexOf('## Wat we gaan doen'), md.indexOf('## Afspraken'));
		expect(plan).toContain('| Signaalkaart voor huisartsen | Detectie | OCMW | huisartsenkring |');
		expect(plan).not.toContain('Buurtfeest');
		const sources = md.slice(md.indexOf('## Bronnen'), md.indexOf('# Deel 2'));
		expect(sources).toContain('Minder mazen, meer net');
	});

	it('has its cover and labels in English and French, with the date in words', () => {
		const en = reportToMarkdown(report('en'));
		expect(en).toContain('**Date:** 22 November 2026');
		expect(en).toContain('**Participants:** 20');
		for (const heading of ['Our vision', 'What we saw', 'Where we stand', 'What we will do'])
			expect(en).toContain(`## ${heading}`);
		expect(en).toContain('| Fewer holes | Detection |');
		const fr = reportToMarkdown(report('fr'));
		expect(fr).toContain('22 novembre 2026');
		expect(fr).toContain('## Ce que nous avons vu');
		expect(dateInWords(Number.NaN, 'nl')).toBe('');
	});

	it('says when the facilitator has not written the vision or the agreements yet', () => {
		const { snapshot } = fixtureRoom();
		snapshot.control.synthesis = {};
		const r = buildReport({
			title: 'Leeg',
			createdAt: CREATED_AT,
			workshop: FIXTURE_WORKSHOP,
			snapshot,
			participants: 0,
			locale: 'nl',
			names: false
		});
		const md = reportToMarkdown(r);
		expect(md).toContain('## Onze visie\n\nNog geen tekst van de begeleider.');
		expect(md).toContain('## Afspraken en volgende stappen\n\nNog geen tekst van de begeleider.');
	});
});
