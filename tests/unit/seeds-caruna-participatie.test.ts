// Caruna's themes (000) and what participation can mean (003) as seeds, true to the decks:
// every theme in the deck's words, the 11-versus-13 discrepancy said, nothing explained that the
// deck does not explain; and the resolutions workshop shows the themes and says its own grouping
// of the resolutions is ours.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeeds, loadWorkshops } from '../../src/lib/workshop/files';
import { LOCALES } from '../../src/lib/workshop/types';

const flat = (name: string) =>
	fs
		.readFileSync(`tests/fixtures/sources/${name}`, 'utf8')
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.join(' ')
		.replace(/\s+/g, ' ');
const seeds = loadSeeds();

describe("Caruna's themes", () => {
	const themes = seeds.references.get('caruna-themas')!;
	it('are the eleven themes of the deck, word for word, in nl, en and fr', () => {
		// The deck's one typo ("groei de de") is corrected in the seed and said in its comment.
		const deck = flat('000-caruna-presentatie.txt').replace('groei de de', 'groei die de');
		expect(themes.items).toHaveLength(11);
		themes.items.forEach((item, index) => {
			expect(deck).toContain(`${index + 1}.`);
			expect(deck.replace(/(\d+)\.(?=\S)/g, '$1. ')).toContain(`${index + 1}. ${item.title.nl}`);
			for (const locale of LOCALES) expect(item.title[locale], item.id).toBeTruthy();
			expect(item.title.en).not.toBe(item.title.nl);
			expect(item.title.fr).not.toBe(item.title.nl);
		});
		expect(themes.sources![0]!.title).toContain('Welke ‘ruimte’ geven we aan zorg?');
	});

	it("say that the deck also speaks of 13 kernthema's without naming two of them", () => {
		expect(flat('000-caruna-presentatie.txt')).toContain('13 kernthema’s als kader');
		expect(themes.text!.nl).toMatch(/elf thema's/);
		expect(themes.text!.nl).toContain("13 kernthema's");
		expect(themes.text!.en).toContain('13 core themes');
		expect(themes.text!.fr).toContain('13 thèmes clés');
	});
});

describe('what participation can mean (003)', () => {
	it('lists the forms in the order of the deck, and explains none of them', () => {
		const participation = seeds.references.get('participatie')!;
		expect(flat('003-voor-iedereen.txt')).toContain(
			'Vinden, toeleiden, deelnemen, betrekken, meebeslissen, ruimte geven'
		);
		expect(participation.items.map((i) => i.title.nl.toLowerCase()).join(', ')).toBe(
			'vinden, toeleiden, deelnemen, betrekken, meebeslissen, ruimte geven'
		);
		for (const item of participation.items) expect(item.text, item.id).toBeUndefined();
		const workshop = loadWorkshops().workshops.find((w) => w.id === 'voor-iedereen')!;
		const source = participation.sources![0]!;
		expect(workshop.sources!.find((s) => s.id === source.id)).toMatchObject({
			author: source.author,
			title: source.title
		});
	});
});

describe('the resolutions workshop', () => {
	const workshop = loadWorkshops().workshops.find((w) => w.id === 'resoluties')!;
	it("shows Caruna's eleven themes on the projector, with the deck as source", () => {
		const step = workshop.steps.find((s) => s.id === 'themas-caruna')!;
		expect(step.options?.sources).toEqual(['caruna-presentatie']);
		for (const locale of LOCALES)
			for (const item of seeds.references.get('caruna-themas')!.items)
				expect(step.projector?.[locale], `${locale} ${item.id}`).toContain(item.title[locale]);
	});

	it('says its eight theme headings are its own grouping, not Caruna’s', () => {
		const text = fs.readFileSync('workshops/resoluties.md', 'utf8');
		expect(text).toMatch(/eigen indeling/);
		expect(text).toMatch(/our own grouping/);
		expect(text).toMatch(/notre propre regroupement/);
	});
});
