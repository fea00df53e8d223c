import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/lib/workshop/errors';
import { loadSeeds, loadWorkshops } from '../../src/lib/workshop/files';
import { parseWorkshop } from '../../src/lib/workshop/parse';
import { parseBlockSeed } from '../../src/lib/workshop/seeds';
import { inVariant, publicWorkshop } from '../../src/lib/workshop/types';

const DIR = 'tests/fixtures/workshops';

const EXPECTED: Record<string, string> = {
	'unknown-type.md':
		'workshops/unknown-type.md:14: step "denkoefening": unknown type "brainstrom" (did you mean "brainstorm"?)',
	'bad-id.md': 'workshops/bad-id.md:2: id must be lower-case letters, digits and dashes',
	'duplicate-step.md':
		'workshops/duplicate-step.md:13: step "start": the id is used by an earlier step',
	'zero-minutes.md': 'workshops/zero-minutes.md:10: step "start": minutes must be at least 1',
	'missing-title.md': 'workshops/missing-title.md:2: missing "title"',
	'checklist-without-items.md':
		'workshops/checklist-without-items.md:13: step "check": a checklist needs "items"',
	'recap-unknown.md':
		'workshops/recap-unknown.md:17: step "info": recap must name an earlier step, not "later"',
	'unknown-variant.md':
		'workshops/unknown-variant.md:10: step "start": unknown variant "90" in minutes',
	'text-for-unknown-step.md':
		'workshops/text-for-unknown-step.md:15: text for unknown step "strat" (did you mean "start"?)',
	'unknown-section.md':
		'workshops/unknown-section.md:17: step "start": unknown section "publiek" (use "projector" or "begeleider")',
	'bad-yaml.md':
		'workshops/bad-yaml.md:12: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
	'unknown-seed.md':
		'workshops/unknown-seed.md:17: step "blokken": unknown seed "bouwsteen" (did you mean "bouwstenen"?)',
	'no-front-matter.md':
		'workshops/no-front-matter.md:1: a workshop file starts with "---" and YAML front matter'
};

function problemOf(name: string): string {
	try {
		parseWorkshop(`workshops/${name}`, fs.readFileSync(`${DIR}/${name}`, 'utf8'), ['bouwstenen']);
	} catch (error) {
		if (error instanceof ContentError) return error.message;
		throw error;
	}
	return 'no error';
}

describe('workshop loader', () => {
	it.each(Object.keys(EXPECTED))('names file, line and problem: %s', (name) => {
		expect(problemOf(name)).toBe(EXPECTED[name]);
	});

	it('has a fixture for every expected message', () => {
		expect(fs.readdirSync(DIR).sort()).toEqual(Object.keys(EXPECTED).sort());
	});

	it('reads a valid file, with minutes per variant', () => {
		const workshop = parseWorkshop(
			'valid.md',
			fs.readFileSync('tests/fixtures/valid-workshop.md', 'utf8')
		);
		expect(workshop).toMatchObject({ id: 'proef', minutes: 10, locales: ['nl', 'en'] });
		expect(workshop.steps[0]).toMatchObject({
			id: 'start',
			type: 'round',
			title: { nl: 'Start', en: 'Start' }
		});
	});
});

describe('shipped content', () => {
	it('holds the reference content with its sources', () => {
		const { references } = loadSeeds();
		expect([...references.keys()].sort()).toEqual([
			'caruna-themas',
			'definitie',
			'derde-plekken',
			'participatie',
			'resoluties-caruna',
			'tronto',
			'zingevende-zorg'
		]);
		const resolutions = references.get('resoluties-caruna')!.items;
		expect(resolutions).toHaveLength(44);
		expect(resolutions.filter((r) => r.outcome === 'approved')).toHaveLength(30);
		expect(resolutions.every((r) => r.outcome)).toBe(true);
		expect(references.get('tronto')!.items).toHaveLength(5);
		expect(references.get('derde-plekken')!.items).toHaveLength(8);
		const care = references.get('zingevende-zorg')!.items;
		expect(care.filter((i) => i.tracks?.length)).toHaveLength(4);
		expect(references.get('definitie')!.text!.nl).toContain('Vlaamse overheid');
		for (const seed of references.values()) expect(seed.source.length).toBeGreaterThan(10);
	});

	it('validates every workshop and seed', () => {
		const seeds = loadSeeds();
		expect(seeds.blocks.get('bouwstenen')?.blocks).toHaveLength(8);
		const { workshops, errors } = loadWorkshops('workshops', seeds);
		expect(errors.map((e) => e.message)).toEqual([]);
		expect(workshops.map((w) => w.id)).toContain('visievorming-zorgzame-buurten');
	});

	it('gives the default workshop in full, in Dutch and English, for 120 and 60 minutes', () => {
		const workshop = loadWorkshops().workshops.find(
			(w) => w.id === 'visievorming-zorgzame-buurten'
		)!;
		expect(workshop.steps.map((s) => s.id)).toEqual([
			'kennismaking',
			'verwachtingen',
			'ondersteuningspakket',
			'denkoefening',
			'beeld',
			'definitie',
			'actoren',
			'voorbereiding',
			'referentiekader',
			'visie',
			'aan-de-slag',
			'afsluiting'
		]);
		for (const step of workshop.steps) {
			for (const locale of ['nl', 'en'] as const) {
				expect(step.title[locale], `${step.id} title ${locale}`).not.toBe('');
				expect(step.prompt[locale], `${step.id} prompt ${locale}`).not.toBe('');
			}
			expect(step.facilitatorNotes?.nl, `${step.id} notes`).toBeTruthy();
			expect(step.facilitatorNotes?.en, `${step.id} notes en`).toBeTruthy();
		}
		expect(inVariant(workshop, '120').minutes).toBe(120);
		expect(inVariant(workshop, '60').minutes).toBe(60);
		expect(inVariant(workshop, '60').steps.map((s) => s.id)).not.toContain('voorbereiding');
		expect(workshop.labels?.detectie).toMatchObject({ nl: 'Detectie', en: 'Detection' });
		expect(workshop.steps.find((s) => s.id === 'denkoefening')!.options?.columns).toHaveLength(5);
	});

	it('never sends facilitator notes to participants or the projector', () => {
		const workshop = loadWorkshops().workshops[0]!;
		expect(JSON.stringify(publicWorkshop(workshop))).not.toContain('facilitatorNotes');
	});

	it('names the line of a bad seed', () => {
		expect(() =>
			parseBlockSeed(
				'seeds/x.yaml',
				'id: x\nsources:\n  - { id: b, title: Bron }\nblocks:\n  - id: a\n    group: elders\n'
			)
		).toThrow(/^seeds\/x\.yaml:6: unknown group$/);
	});
});

describe('workshop Markdown', () => {
	it('renders text, and keeps raw HTML and unsafe links inert', async () => {
		const { renderMarkdown } = await import('../../src/lib/workshop/markdown');
		expect(renderMarkdown('**vet** en [site](https://example.org)')).toContain(
			'<strong>vet</strong>'
		);
		expect(renderMarkdown('[site](https://example.org)')).toContain('href="https://example.org"');
		const hostile = renderMarkdown(
			'<script>alert(1)</script>\n\n[klik](javascript:alert(1)) ![x](javascript:alert(2))'
		);
		expect(hostile).not.toMatch(/<script|href="javascript|<img/);
		expect(hostile).toContain('&#60;script&#62;');
	});
});
