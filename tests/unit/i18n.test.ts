import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import nl from '../../messages/nl.json';
import settings from '../../project.inlang/settings.json';
import { ContentError } from '../../src/lib/workshop/errors';
import { completeLocales, localeGaps } from '../../src/lib/workshop/locales';
import { parseWorkshop } from '../../src/lib/workshop/parse';
import { LOCALES, missingLocales } from '../../src/lib/workshop/types';

const MESSAGES: Record<string, Record<string, string>> = { nl, en, fr };
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
	it('compiles every locale the content knows, Dutch first', () => {
		expect(settings.baseLocale).toBe('nl');
		expect(settings.locales).toEqual([...LOCALES]);
	});

	it.each(LOCALES.filter((l) => l !== 'nl'))(
		'has every Dutch message in %s, and no other, with the same parameters',
		(locale) => {
			const messages = MESSAGES[locale]!;
			const missing = Object.keys(nl).filter((key) => !(key in messages));
			const extra = Object.keys(messages).filter((key) => !(key in nl));
			expect({ missing, extra }).toEqual({ missing: [], extra: [] });
			for (const [key, text] of Object.entries(nl))
				expect(params(messages[key]!), `${locale}: ${key}`).toEqual(params(text));
		}
	);

	it('writes each key once in each file (JSON keeps the last of two silently)', () => {
		for (const locale of LOCALES) {
			const keys = [
				...fs.readFileSync(`messages/${locale}.json`, 'utf8').matchAll(/^\t"([^"]+)":/gm)
			].map((match) => match[1]);
			const twice = keys.filter((key, index) => keys.indexOf(key) !== index);
			expect(twice, locale).toEqual([]);
		}
	});

	it('leaves no message empty', () => {
		for (const [locale, messages] of Object.entries(MESSAGES))
			for (const [key, text] of Object.entries(messages))
				expect(text.trim(), `${locale}: ${key}`).not.toBe('');
	});

	it('writes French with the space French puts before : ; ? ! and inside « »', () => {
		for (const [key, text] of Object.entries(fr)) {
			if (key === '$schema') continue;
			// "Ctrl+P" and times such as "10:30" have no space; a sentence's colon has one.
			expect(text, key).not.toMatch(/[^\s\u00a0\u202f\d{]:(\s|$)|[^\s\u00a0\u202f][;?!]/);
			expect(text, key).not.toMatch(/«[^\u00a0]|[^\u00a0]»/);
		}
	});

	it('keeps one French rendering of "zorgzame buurt": quartier solidaire', () => {
		const all = Object.values(fr).join('\n');
		expect(all).toMatch(/quartier solidaire/);
		expect(all).not.toMatch(/bienveillant|attentionn|quartier de soin/i);
	});
});

const workshopFile = (locales: string, title: string, body = '') => `---
id: proef
title: ${title}
description: Een proef
locales: ${locales}
steps:
  - id: start
    type: info
    minutes: 5
    title: { nl: Begin, en: Start, fr: Début }
---
${body}`;

function problemOf(text: string): string {
	try {
		parseWorkshop('workshops/proef.md', text);
	} catch (error) {
		if (error instanceof ContentError) return error.message;
		throw error;
	}
	return 'no error';
}

describe('languages in workshop files', () => {
	it('shows a language the workshop lacks in Dutch, and says which it lacks', () => {
		const workshop = parseWorkshop(
			'workshops/proef.md',
			workshopFile('[nl, en]', '{ nl: Proef, en: Trial }')
		);
		expect(workshop.title).toEqual({ nl: 'Proef', en: 'Trial', fr: 'Proef' });
		expect(workshop.steps[0]!.title.fr).toBe('Begin');
		expect(missingLocales(workshop)).toEqual(['fr']);
	});

	it('uses the French texts of a workshop that lists fr', () => {
		const workshop = parseWorkshop(
			'workshops/proef.md',
			workshopFile(
				'[nl, en, fr]',
				'{ nl: Proef, en: Trial, fr: Essai }',
				'# start\n## projector\n### nl\nWelkom\n### en\nWelcome\n### fr\nBienvenue\n'
			)
		);
		expect(workshop.title.fr).toBe('Essai');
		expect(workshop.steps[0]!.title.fr).toBe('Début');
		expect(workshop.steps[0]!.projector).toEqual({
			nl: 'Welkom',
			en: 'Welcome',
			fr: 'Bienvenue'
		});
		expect(missingLocales(workshop)).toEqual([]);
	});

	it('refuses a workshop that lists fr but lacks a French text, naming file and line', () => {
		expect(problemOf(workshopFile('[nl, en, fr]', '{ nl: Proef, en: Trial }'))).toBe(
			'workshops/proef.md:3: no French (fr) text, but the workshop lists "fr" in its locales'
		);
		expect(
			problemOf(
				workshopFile(
					'[nl, en, fr]',
					'{ nl: Proef, en: Trial, fr: Essai }',
					'# start\n## begeleider\n### nl\nZeg hallo\n### en\nSay hello\n'
				)
			)
		).toBe(
			'workshops/proef.md:12: step "start": the begeleider text has no "### fr" section, but the workshop lists "fr" in its locales'
		);
	});

	it('refuses a language nobody knows', () => {
		expect(problemOf(workshopFile('[nl, de]', 'Proef'))).toMatch(
			/^workshops\/proef\.md:5: locales can hold "nl", "en" and "fr"/
		);
		expect(problemOf(workshopFile('[nl]', 'Proef', '# start\n## projector\n### de\nHallo\n'))).toBe(
			'workshops/proef.md:14: step "start": unknown language "de" (use nl, en, fr)'
		);
	});

	it('finds every text that lacks a language, plain texts counting for all', () => {
		const raw = { title: 'Naam', steps: [{ title: { nl: 'a', en: 'b' }, prompt: { nl: 'c' } }] };
		expect(localeGaps(raw, ['nl', 'en', 'fr'])).toEqual([
			{ path: ['steps', 0, 'title'], locale: 'fr' },
			{ path: ['steps', 0, 'prompt'], locale: 'en' },
			{ path: ['steps', 0, 'prompt'], locale: 'fr' }
		]);
		expect(completeLocales(raw)).toEqual(['nl']);
	});
});
