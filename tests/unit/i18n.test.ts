import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import nl from '../../messages/nl.json';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
	it('has every Dutch message in English, with the same parameters', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
		for (const [key, text] of Object.entries(nl)) {
			expect(params((en as Record<string, string>)[key]!), key).toEqual(params(text));
		}
	});

	it('leaves no message empty', () => {
		for (const [key, text] of [...Object.entries(nl), ...Object.entries(en)])
			expect(text.trim(), key).not.toBe('');
	});
});
