// The loader options for seeds other than the building blocks: blocks from any seed, tags on
// actions, only, and the order of the workshop list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/lib/workshop/errors';
import { itemsOf, loadBlockSeeds, loadSeeds, loadWorkshops } from '../../src/lib/workshop/files';
import { parseWorkshop } from '../../src/lib/workshop/parse';

const SEEDS = new Map([
	['bouwstenen', ['detectie', 'toeleiding']],
	['zorg', ['persoonsgericht', 'netwerk', 'toegankelijkheid']]
]);

/** A workshop file with one step whose lines are given; the step starts on line 8. */
function file(step: string, extra = ''): string {
	return `---
id: proef
title: Proef
description: Een proef.${extra}
steps:
  - id: start
    minutes: 10
    title: Start
${step}
---
`;
}

function problem(text: string): string {
	try {
		parseWorkshop('workshops/proef.md', text, SEEDS);
	} catch (error) {
		if (error instanceof ContentError) return error.message;
		throw error;
	}
	return 'no error';
}

describe('seed options in workshop files', () => {
	it('accept any seed as the items of an assessment, narrowed by only', () => {
		const workshop = parseWorkshop(
			'proef.md',
			file('    type: assessment\n    blocks: zorg\n    only: [netwerk, persoonsgericht]'),
			SEEDS
		);
		expect(workshop.steps[0]!.options).toEqual({
			blocks: 'zorg',
			only: ['netwerk', 'persoonsgericht']
		});
	});

	it('still take a plain list of seed ids', () => {
		expect(() =>
			parseWorkshop('proef.md', file('    type: assessment\n    blocks: zorg'), ['zorg'])
		).not.toThrow();
	});

	it.each([
		[
			'    type: assessment\n    blocks: zorg\n    only: [persoonsgericht, netwerc]',
			'workshops/proef.md:11: step "start": seed "zorg" has no item "netwerc" (did you mean "netwerk"?)'
		],
		[
			'    type: brainstorm\n    only: [netwerk]',
			'workshops/proef.md:10: step "start": "only" needs "blocks" or "tags"'
		],
		[
			'    type: brainstorm\n    tags: zorg',
			'workshops/proef.md:10: step "start": "tags" belongs to an actions step'
		],
		[
			'    type: actions\n    tags: zrog',
			'workshops/proef.md:10: step "start": unknown seed "zrog" (did you mean "zorg"?)'
		],
		[
			'    type: actions\n    tags: zorg\n    only: [netwerk, netwerk]',
			'workshops/proef.md:11: step "start": "netwerk" is named twice in only'
		],
		[
			'    type: actions\n    tags: zorg\n    only: []',
			'workshops/proef.md:11: step "start": only needs at least one id'
		]
	])('name file, line and problem: %s', (step, message) => {
		expect(problem(file(step))).toBe(message);
	});

	it('rejects an order that is not a whole number', () => {
		expect(problem(file('    type: round', '\norder: eerst'))).toBe(
			'workshops/proef.md:5: order must be a number'
		);
	});
});

describe('seed items in loaded workshops', () => {
	it('turn building blocks and reference items into one shape', () => {
		const seeds = loadSeeds();
		expect(itemsOf(seeds, 'bouwstenen')![0]).toMatchObject({
			id: 'buurtanalyse',
			title: { nl: 'Buurtanalyse en -plan' },
			question: { nl: 'Begonnen jullie al aan een analyse of een plan?' }
		});
		expect(itemsOf(seeds, 'tronto')).toHaveLength(5); // four from Caruna, one from Tronto (2013)
		expect(itemsOf(seeds, 'bestaat-niet')).toBeUndefined();
	});

	it('fill in the items, with labels for tracks, and sort the list by order', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-workshops-'));
		const write = (name: string, order: string, step: string) =>
			fs.writeFileSync(
				path.join(dir, name),
				file(step, order).replace('id: proef', `id: ${name.replace('.md', '')}`)
			);
		write('a.md', '', '    type: actions\n    tags: zingevende-zorg\n    only: [organisatie]');
		write('b.md', '\norder: 2', '    type: assessment\n    blocks: bouwstenen');
		write('c.md', '\norder: 1', '    type: round');
		const { workshops, errors } = loadWorkshops(dir);
		expect(errors).toEqual([]);
		expect(workshops.map((w) => w.id)).toEqual(['c', 'b', 'a']);
		const tags = workshops[2]!.steps[0]!.options!.seedItems!;
		expect(tags.map((t) => t.id)).toEqual(['organisatie']);
		expect(tags[0]!.tracks!.map((t) => t.id)).toEqual(['sociale-zekerheid', 'toezicht']);
		expect(workshops[2]!.labels!.toezicht!.en).toBe(
			'Action domain 4: the organisation of care and welfare – The supervisory role of government'
		);
		expect(workshops[1]!.steps[0]!.options!.seedItems).toHaveLength(8);
		expect(workshops[1]!.labels!.detectie).toMatchObject({ nl: 'Detectie', en: 'Detection' });
		fs.rmSync(dir, { recursive: true });
	});

	it('still load with only the building-block seeds', () => {
		const { errors } = loadWorkshops('workshops', loadBlockSeeds());
		expect(errors.map((e) => e.message).join('\n')).toMatch(/unknown seed "zingevende-zorg"/);
	});
});
