import { describe, expect, it } from 'vitest';
import { withoutTitleRepeat } from '../../src/lib/components/projector/lead';

describe('withoutTitleRepeat', () => {
	it('drops a bold opening that repeats the title', () => {
		expect(
			withoutTitleRepeat(
				'**Waar willen we naartoe?** Schrijf één visiezin.',
				'Waar willen we naartoe?'
			)
		).toBe('Schrijf één visiezin.');
		expect(
			withoutTitleRepeat('**Waar willen we naartoe?**\n\nSchrijf.', 'Waar willen we naartoe')
		).toBe('Schrijf.');
	});

	it('keeps a bold opening that says something else', () => {
		const source = '**Wat is een zorgzame buurt volgens jou?**\n\nWie zou er aanwezig moeten zijn?';
		expect(withoutTitleRepeat(source, 'Denkoefening')).toBe(source);
		expect(withoutTitleRepeat('Geen vet begin.', 'Geen vet begin')).toBe('Geen vet begin.');
	});
});
