// Every shipped workshop: loads, speaks Dutch and English, adds up per variant, guides the facilitator.
import { describe, expect, it } from 'vitest';
import { loadWorkshops } from '../../src/lib/workshop/files';
import { inVariant, type Workshop } from '../../src/lib/workshop/types';

const { workshops, errors } = loadWorkshops();

describe('shipped workshops', () => {
	it('all load without problems', () => {
		expect(errors.map((e) => e.message)).toEqual([]);
		expect(workshops.map((w) => w.id)).toEqual(
			expect.arrayContaining([
				'visievorming-zorgzame-buurten',
				'voor-iedereen',
				'zingevende-zorg',
				'ruimte-voor-zorg'
			])
		);
	});

	it('list the default workshop first', () => {
		expect(workshops[0]!.id).toBe('visievorming-zorgzame-buurten');
	});

	describe.each(workshops.map((w): [string, Workshop] => [w.id, w]))('%s', (_, workshop) => {
		it('has Dutch and English texts for the workshop and every step', () => {
			expect(workshop.locales).toEqual(expect.arrayContaining(['nl', 'en']));
			for (const text of [workshop.title, workshop.description]) {
				expect(text.nl).not.toBe('');
				expect(text.en).not.toBe('');
			}
			for (const step of workshop.steps) {
				for (const locale of ['nl', 'en'] as const) {
					expect(step.title[locale], `${step.id} title ${locale}`).not.toBe('');
					expect(step.prompt[locale], `${step.id} prompt ${locale}`).not.toBe('');
				}
				if (step.projector)
					expect(step.projector.en, `${step.id} projector en`).not.toBe(step.projector.nl);
			}
		});

		it('has facilitator notes in both languages on every step', () => {
			for (const step of workshop.steps) {
				expect(step.facilitatorNotes?.nl, `${step.id} notes nl`).toBeTruthy();
				expect(step.facilitatorNotes?.en, `${step.id} notes en`).toBeTruthy();
				expect(step.facilitatorNotes!.en, `${step.id} notes translated`).not.toBe(
					step.facilitatorNotes!.nl
				);
			}
		});

		it('has minutes that add up to every variant', () => {
			expect(workshop.variants?.length ?? 0).toBeGreaterThan(0);
			for (const variant of workshop.variants ?? []) {
				const run = inVariant(workshop, variant.id);
				expect(run.minutes, `variant ${variant.id}`).toBe(variant.minutes);
				expect(run.steps.length).toBeGreaterThan(0);
			}
		});

		it('names its sources', () => {
			expect(workshop.sources?.length ?? 0).toBeGreaterThan(0);
		});

		it('resolves the seeds its steps name', () => {
			for (const step of workshop.steps) {
				const seed = step.options?.blocks ?? step.options?.tags;
				if (!seed) continue;
				expect(step.options?.seedItems?.length, step.id).toBeGreaterThan(0);
				for (const item of step.options!.seedItems!)
					expect(workshop.labels?.[item.id], `${step.id} ${item.id}`).toEqual(item.title);
			}
		});
	});

	it('rate the four principles and tag actions with the four action domains and their tracks', () => {
		const care = workshops.find((w) => w.id === 'zingevende-zorg')!;
		const rated = care.steps.find((s) => s.type === 'assessment')!.options!.seedItems!;
		expect(rated.map((i) => i.id)).toEqual([
			'persoonsgericht',
			'warme-relaties',
			'netwerk',
			'volwaardige-deelname'
		]);
		const tags = care.steps.find((s) => s.type === 'actions')!.options!.seedItems!;
		expect(tags).toHaveLength(4);
		expect(tags.every((t) => t.tracks?.length)).toBe(true);
		expect(care.labels?.['zorggarantie-lokaal']?.nl).toBe(
			'Actiedomein 1: de toegankelijkheid van de zorg – Zorggarantie door lokale actie'
		);
	});

	it('give the default workshop vision sentences with dots before the action plan', () => {
		const workshop = workshops.find((w) => w.id === 'visievorming-zorgzame-buurten')!;
		const ids = workshop.steps.map((s) => s.id);
		const vision = workshop.steps.find((s) => s.id === 'visie')!;
		expect(ids.indexOf('visie')).toBe(ids.indexOf('aan-de-slag') - 1);
		expect(vision).toMatchObject({ type: 'brainstorm', options: { votes: 3 } });
		expect(vision.minutesByVariant).toEqual({ '120': 10, '60': 5 });
	});
});
