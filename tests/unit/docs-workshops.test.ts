// The guides for workshop writers: their starter files load as they stand, and they describe
// sources (workshop and step), a seed item's source, a track's meaning and examples, and the
// glossary, each with an example.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeeds, seedIndex } from '../../src/lib/workshop/files';
import { parseWorkshop } from '../../src/lib/workshop/parse';

const GUIDES = ['docs/WRITING-WORKSHOPS.md', 'workshops/README.md'];
const seeds = loadSeeds();

/** The first ```markdown block after "A starter file". */
function starter(text: string): string {
	const from = text.indexOf('A starter file');
	const start = text.indexOf('```markdown\n', from) + '```markdown\n'.length;
	return text.slice(start, text.indexOf('\n```\n', start) + 1);
}

describe.each(GUIDES)('%s', (guide) => {
	const text = fs.readFileSync(guide, 'utf8');

	it('has a starter file that loads', () => {
		expect(() =>
			parseWorkshop(guide, starter(text), seedIndex(seeds), seeds.references)
		).not.toThrow();
	});

	it('describes sources, a seed item’s source, tracks and the glossary, with examples', () => {
		expect(text).toMatch(/sources: \[[a-z-]+/); // a step names its sources
		expect(text).toMatch(/`\{ id, title, author, year, url, about \}`/);
		expect(text).toMatch(/source: tronto-2013/);
		expect(text).toMatch(/examples:/);
		expect(text).toMatch(/text:[\s{]*nl: De overheid zorgt/);
		expect(text).toMatch(/seeds\/begrippen\.yaml/);
		expect(text).toMatch(/forms: \{ nl: \[toeleiden/);
	});
});
