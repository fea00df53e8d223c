// Every workshop and seed in Dutch, English and French (issue 16).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadWorkshops } from '../../src/lib/workshop/files';
import { localeGaps } from '../../src/lib/workshop/locales';
import { missingLocales } from '../../src/lib/workshop/types';

describe('the workshops and seeds', () => {
	it('load, each complete in the languages it lists', () => {
		const { workshops, errors } = loadWorkshops();
		expect(errors.map((e) => e.message)).toEqual([]);
		expect(workshops.length).toBeGreaterThanOrEqual(5);
	});

	it('are each in Dutch, English and French, or say which language they lack', () => {
		const { workshops } = loadWorkshops();
		const lacking = Object.fromEntries(workshops.map((w) => [w.id, missingLocales(w)]));
		// The loader refuses a workshop that lists a language it lacks a text in: `locales` is true.
		expect(lacking).toEqual(Object.fromEntries(workshops.map((w) => [w.id, []])));
	});

	it.each(fs.readdirSync('seeds').filter((name) => name.endsWith('.yaml')))(
		'seed %s has every text in Dutch, English and French',
		(name) => {
			const raw = parseYaml(fs.readFileSync(`seeds/${name}`, 'utf8')) as unknown;
			expect(localeGaps(raw).map((gap) => `${gap.path.join('.')}: ${gap.locale}`)).toEqual([]);
		}
	);
});
