import { describe, expect, it } from 'vitest';
import { hyphenate, SOFT_HYPHEN } from '../../src/lib/client/hyphenate';

describe('hyphenate', () => {
	it('puts soft hyphens into long Dutch words at their syllables', () => {
		const out = hyphenate('De thuisverpleegkundige komt', 'nl');
		expect(out.replaceAll(SOFT_HYPHEN, '')).toBe('De thuisverpleegkundige komt');
		expect(out).toContain(`thuis${SOFT_HYPHEN}ver`);
		// Short words stay as typed.
		expect(out.startsWith('De ')).toBe(true);
		expect(out.endsWith(' komt')).toBe(true);
	});

	it('leaves text without long words alone', () => {
		expect(hyphenate('Een buurtfeest in december', 'nl')).toBe('Een buurtfeest in december');
	});

	it('hyphenates English and French too', () => {
		expect(hyphenate('neighbourhoodcommittee', 'en')).toContain(SOFT_HYPHEN);
		expect(hyphenate('intergénérationnelle', 'fr')).toContain(SOFT_HYPHEN);
	});
});
