// The seeds against the source documents (tests/fixtures/sources, copies of the five documents
// the project is built from): the 44 resolutions word for word with their outcomes, the
// definition, the principles, domains and tracks; and the schema errors that keep seeds whole.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/lib/workshop/errors';
import { loadSeeds, loadWorkshops } from '../../src/lib/workshop/files';
import { segments } from '../../src/lib/workshop/glossary';
import { parseWorkshop } from '../../src/lib/workshop/parse';
import {
	parseBlockSeed,
	parseGlossarySeed,
	parseReferenceSeed
} from '../../src/lib/workshop/seeds';
import { formatSource } from '../../src/lib/workshop/sources';

const source = (name: string) => fs.readFileSync(`tests/fixtures/sources/${name}`, 'utf8');
/** Text with line breaks, page numbers and runs of spaces folded into single spaces. */
const flat = (text: string) =>
	text
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l && !/^\d+$/.test(l))
		.join(' ')
		.replace(/\s+/g, ' ');

/** The resolutions of 001 by number: text and outcome. */
function resolutions(): Map<number, { text: string; approved: boolean }> {
	const text = flat(source('001-resoluties-caruna.txt'));
	const parts = text.split(/(?:^|\s)(\d{1,2})\.\s+(?=[A-Zw])/);
	const result = new Map<number, { text: string; approved: boolean }>();
	for (let i = 1; i < parts.length - 1; i += 2) {
		const body = parts[i + 1]!;
		const outcome = /(Niet goedgekeurd|Goedgekeurd)/.exec(body)!;
		result.set(Number(parts[i]), {
			text: body.slice(0, outcome.index).trim(),
			approved: outcome[1] === 'Goedgekeurd'
		});
	}
	return result;
}

const seeds = loadSeeds();

describe('seeds true to the source documents', () => {
	it('hold all 44 resolutions word for word, with the outcome the source records', () => {
		const expected = resolutions();
		expect(expected.size).toBe(44);
		const items = seeds.references.get('resoluties-caruna')!.items;
		expect(items.map((i) => i.id)).toEqual([...expected.keys()].map((n) => `r${n}`));
		for (const item of items) {
			const want = expected.get(Number(item.id.slice(1)))!;
			expect(item.text!.nl.replace(/\s+/g, ' '), item.id).toBe(want.text);
			expect(item.outcome, item.id).toBe(want.approved ? 'approved' : 'not-approved');
			expect(item.text!.en, `${item.id} en`).not.toBe(item.text!.nl);
		}
		expect(items.filter((i) => i.outcome === 'approved')).toHaveLength(30);
	});

	it.each([
		['r5', /criminalisering van tegenstemmen/, /criminalisation of dissenting/],
		['r20', /individuele gezondheidsgegevens/, /individual health data/],
		['r29', /UBER-model/, /UBER model/],
		['r30', /privéverzekeringen afschaffen/, /abolish private insurance/],
		['r43', /regulariseert mensen zonder papieren/, /regularises undocumented/]
	])('keep the deciding clause of %s in the summary', (id, nl, en) => {
		const item = seeds.references.get('resoluties-caruna')!.items.find((i) => i.id === id)!;
		expect(item.title.nl).toMatch(nl);
		expect(item.title.en).toMatch(en);
	});

	it('quote the Flemish definition as 004 gives it, without the pillars', () => {
		const definition = seeds.references.get('definitie')!;
		const quote = /“([^”]+)”\s*\(Vlaamse Overheid, z\.d\.\)/.exec(
			flat(source('004-visievorming.txt'))
		)![1]!;
		expect(definition.text!.nl).toBe(`"${quote}" (Vlaamse overheid, z.d.)`);
		expect(definition.text!.en).toMatch(/young and old know and help each other/);
		expect(definition.text!.en).toMatch(/Everyone feels at ease there and is helped/);
		// The pillars are from the inspiratiekader itself, and say so.
		expect(definition.sources![0]!.url).toMatch(/inspiratiekader/);
		for (const pillar of definition.items) expect(pillar.source).toBe('inspiratiekader');
		expect(definition.text!.nl).not.toMatch(/pijler/i);
		// …and the default workshop projects the same quote.
		const workshop = loadWorkshops().workshops.find(
			(w) => w.id === 'visievorming-zorgzame-buurten'
		)!;
		const projected = workshop.steps.find((s) => s.id === 'definitie')!.projector!.nl;
		expect(projected.replace(/\n> ?/g, ' ').replace(/\s+/g, ' ')).toContain(`"${quote}"`);
	});

	it('have the four principles and four domains of 002, with all ten tracks', () => {
		const text = flat(source('002-verbindende-zorg.txt'));
		const care = seeds.references.get('zingevende-zorg')!.items;
		const principles = care.filter((i) => i.title.nl.startsWith('Principe'));
		expect(principles).toHaveLength(4);
		for (const [n, words] of [
			[1, 'persoonsgericht'],
			[2, 'warme'],
			[3, 'leefsituatie en het netwerk'],
			[4, 'volwaardige deelname aan het maatschappelijk leven']
		] as const) {
			expect(principles[n - 1]!.title.nl).toContain(words);
			expect(text).toContain(words);
		}
		const domains = care.filter((i) => i.tracks);
		expect(domains.map((d) => d.tracks!.length)).toEqual([3, 3, 2, 2]);
		for (const domain of domains) {
			const name = domain.title.nl.replace(/^Actiedomein \d: /, '');
			expect(text, name).toContain(name);
			for (const track of domain.tracks!) expect(track.text?.nl, track.id).toBeTruthy();
		}
		expect(text).toContain('Spoor 3: zorggarantie voor kwetsbare groepen');
	});

	it('show Tronto with four phases from the Caruna deck, and the fifth only with Tronto 2013', () => {
		const deck = flat(source('000-caruna-presentatie.txt'));
		const tronto = seeds.references.get('tronto')!;
		const fromDeck = tronto.items.filter((i) => !i.source);
		expect(fromDeck).toHaveLength(4);
		for (const phase of [
			'aandacht',
			'verantwoordelijkheid',
			'handeling en competentie',
			'responsiviteit'
		]) {
			expect(deck).toContain(`als ${phase}`);
			expect(fromDeck.some((i) => i.title.nl.includes(phase))).toBe(true);
		}
		const fifth = tronto.items.find((i) => i.source)!;
		expect(tronto.sources!.find((s) => s.id === fifth.source)).toMatchObject({ year: '2013' });
	});

	it('name Oldenburg, not the deck, as the source of the traits of a third place', () => {
		const places = seeds.references.get('derde-plekken')!;
		expect(places.items).toHaveLength(8);
		for (const item of places.items) expect(item.source).toBe('oldenburg-1989');
	});

	it('never claim vote margins the source does not record', () => {
		for (const file of fs.readdirSync('workshops'))
			expect(fs.readFileSync(`workshops/${file}`, 'utf8'), file).not.toMatch(
				/meest verdeeld|most divided/i
			);
	});

	it('give every seed and workshop its sources, and the report a line per source', () => {
		for (const seed of [...seeds.blocks.values(), ...seeds.references.values()])
			expect(seed.sources?.length, seed.id).toBeGreaterThan(0);
		for (const workshop of loadWorkshops().workshops) {
			expect(workshop.sources?.length, workshop.id).toBeGreaterThan(0);
			for (const step of workshop.steps)
				for (const id of step.options?.sources ?? [])
					expect(workshop.sources!.some((s) => s.id === id)).toBe(true);
		}
		expect(
			formatSource(
				{
					id: 'x',
					author: 'Vlaamse overheid',
					year: 'z.d.',
					title: 'Zorgzame buurten',
					url: 'https://example.org'
				},
				'en'
			)
		).toBe('Vlaamse overheid (n.d.). Zorgzame buurten. https://example.org');
	});

	it('explain the framework terms where participants read them', () => {
		const glossary = seeds.glossary!;
		const ids = glossary.terms.map((t) => t.id);
		for (const term of [
			'voorwaardenscheppend',
			'toeleiding',
			'responsiviteit',
			'regisseur',
			'ontschotten'
		])
			expect(ids).toContain(term);
		const parts = segments('Is er een gedeelde visie en een regisseur?', glossary.terms, 'nl');
		expect(parts.map((p) => p.term?.id ?? null)).toEqual([null, 'regisseur', null]);
		const workshop = loadWorkshops().workshops.find((w) => w.id === 'resoluties')!;
		expect(workshop.glossary?.map((t) => t.id)).toEqual(expect.arrayContaining(['ontschotten']));
	});
});

const problem = (parse: () => unknown) => {
	try {
		parse();
	} catch (error) {
		if (error instanceof ContentError) return error.message;
		throw error;
	}
	return 'no error';
};
const SOURCES = 'sources:\n  - { id: b, title: Bron }\n';

describe('seed schemas', () => {
	it('refuse text that an unquoted comma split into a stray key', () => {
		const text = `id: d\n${SOURCES}title: T\nitems:\n  - id: a\n    title: A\n    text: { nl: Sociaal weefsel, ontmoeting en hulp., en: Social fabric }\n`;
		expect(problem(() => parseReferenceSeed('seeds/d.yaml', text))).toBe(
			'seeds/d.yaml:8: unknown field "ontmoeting en hulp." (a comma in unquoted text inside { } splits it: put the text in quotes)'
		);
	});

	it('refuse a seed without sources, and a source without a title', () => {
		expect(
			problem(() =>
				parseReferenceSeed('seeds/d.yaml', 'id: d\ntitle: T\nitems:\n  - { id: a, title: A }\n')
			)
		).toBe('seeds/d.yaml:1: missing "sources"');
		expect(
			problem(() =>
				parseBlockSeed(
					'seeds/b.yaml',
					'id: b\nsources:\n  - { id: s, url: https://x.org }\nblocks: []\n'
				)
			)
		).toBe('seeds/b.yaml:3: missing "title"');
	});

	it('refuse an item that names a source the seed does not list', () => {
		const text = `id: d\n${SOURCES}title: T\nitems:\n  - { id: a, title: A, source: elders }\n`;
		expect(problem(() => parseReferenceSeed('seeds/d.yaml', text))).toBe(
			'seeds/d.yaml:6: item "a" names no source "elders"'
		);
	});

	it('refuse a glossary term without an explanation', () => {
		const text = `id: g\n${SOURCES}title: Begrippen\nterms:\n  - id: t\n    term: toeleiding\n`;
		expect(problem(() => parseGlossarySeed('seeds/g.yaml', text))).toBe(
			'seeds/g.yaml:6: missing "explanation"'
		);
	});

	it('refuse a step that names an unknown source, or a stray field', () => {
		const file = (step: string) =>
			`---\nid: w\ntitle: W\ndescription: D\nsources:\n  - { id: bron, title: Bron }\nsteps:\n  - id: s\n    type: info\n    minutes: 5\n    title: S\n${step}\n---\n`;
		expect(problem(() => parseWorkshop('w.md', file('    sources: [brom]')))).toBe(
			'w.md:12: step "s": unknown source "brom" (did you mean "bron"?)'
		);
		expect(problem(() => parseWorkshop('w.md', file('    promt: Tekst')))).toBe(
			'w.md:12: step "s": unknown field "promt" (did you mean "prompt"?)'
		);
	});
});
