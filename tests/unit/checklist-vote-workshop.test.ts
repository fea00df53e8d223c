import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/lib/workshop/errors';
import { loadSeeds, loadWorkshops } from '../../src/lib/workshop/files';
import { parseWorkshop } from '../../src/lib/workshop/parse';
import type { ReferenceSeed } from '../../src/lib/workshop/seeds';

const seed: ReferenceSeed = {
	id: 'resoluties',
	source: 'test',
	title: { nl: 'Resoluties', en: 'Resolutions', fr: 'Resoluties' },
	items: [
		{ id: 'r1', title: { nl: 'Eén', en: 'One', fr: 'Eén' }, outcome: 'approved' },
		{ id: 'r2', title: { nl: 'Twee', en: 'Two', fr: 'Twee' }, outcome: 'not-approved' },
		{ id: 'r3', title: { nl: 'Drie', en: 'Three', fr: 'Drie' } }
	]
};
const references = new Map([[seed.id, seed]]);

const file = (statements: string) => `---
id: stemmen
title: Stemmen
description: Een test
steps:
  - id: stem
    type: vote
    minutes: 10
    title: Stem
${statements}
---
`;

function problem(text: string): string {
	try {
		parseWorkshop('workshops/stemmen.md', text, [], references);
	} catch (error) {
		if (error instanceof ContentError) return error.message;
		throw error;
	}
	return 'no error';
}

describe('vote statements from a reference seed', () => {
	it('takes the named items, in the given order, with their recorded outcome', () => {
		const workshop = parseWorkshop(
			'w.md',
			file('    statements: { seed: resoluties, ids: [r2, r1, r3] }'),
			[],
			references
		);
		expect(workshop.steps[0]!.options?.statements).toEqual([
			{ id: 'r2', title: { nl: 'Twee', en: 'Two', fr: 'Twee' }, recorded: 'not-approved' },
			{ id: 'r1', title: { nl: 'Eén', en: 'One', fr: 'Eén' }, recorded: 'approved' },
			{ id: 'r3', title: { nl: 'Drie', en: 'Three', fr: 'Drie' } }
		]);
		expect(workshop.labels?.r2).toEqual({ nl: 'Twee', en: 'Two', fr: 'Twee' });
	});

	it('takes every item when no ids are given', () => {
		const workshop = parseWorkshop(
			'w.md',
			file('    statements: { seed: resoluties }'),
			[],
			references
		);
		expect(workshop.steps[0]!.options?.statements?.map((s) => s.id)).toEqual(['r1', 'r2', 'r3']);
	});

	it('still reads statements written in the file, with a rule', () => {
		const workshop = parseWorkshop(
			'w.md',
			file(
				'    rule: two-thirds\n    statements:\n      - { id: a, title: { nl: Een zin, en: A sentence } }'
			)
		);
		expect(workshop.steps[0]!.options).toMatchObject({
			rule: 'two-thirds',
			statements: [{ id: 'a', title: { nl: 'Een zin', en: 'A sentence', fr: 'Een zin' } }]
		});
	});

	it('names file and line of an unknown seed or item', () => {
		expect(problem(file('    statements: { seed: resolutie, ids: [r1] }'))).toBe(
			'workshops/stemmen.md:10: step "stem": unknown seed "resolutie" (did you mean "resoluties"?)'
		);
		expect(problem(file('    statements:\n      seed: resoluties\n      ids: [r1, r9]'))).toBe(
			'workshops/stemmen.md:12: step "stem": seed "resoluties" has no item "r9"'
		);
		expect(problem(file('    statements: { seed: resoluties, ids: [] }'))).toBe(
			'workshops/stemmen.md:6: step "stem": a vote needs "statements"'
		);
		expect(problem(file('    statements: 12'))).toContain(
			'statements must be a list of { id, title }, or { seed, ids }'
		);
	});
});

describe('the Resoluties workshop', () => {
	it('loads with statements from the Caruna seed and their recorded outcomes', () => {
		const { workshops, errors } = loadWorkshops('workshops');
		expect(errors.map((e) => e.message)).toEqual([]);
		expect(workshops[0]!.id).toBe('visievorming-zorgzame-buurten');
		expect(workshops.at(-1)!.id).toBe('resoluties');
		const workshop = workshops.find((w) => w.id === 'resoluties')!;
		expect(workshop).toBeDefined();
		const caruna = loadSeeds().references.get('resoluties-caruna')!;
		const votes = workshop.steps.filter((s) => s.type === 'vote');
		expect(votes.length).toBeGreaterThan(1);
		for (const step of votes) {
			for (const statement of step.options!.statements!) {
				const item = caruna.items.find((i) => i.id === statement.id)!;
				expect(statement.recorded).toBe(item.outcome);
				expect(statement.title.en).not.toBe('');
			}
		}
		for (const variant of workshop.variants ?? []) {
			const minutes = workshop.steps.reduce(
				(sum, s) => sum + (s.minutesByVariant ? (s.minutesByVariant[variant.id] ?? 0) : s.minutes),
				0
			);
			expect(minutes, variant.id).toBe(variant.minutes);
		}
	});
});
