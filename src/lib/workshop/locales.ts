// Languages in content: which texts a workshop or seed has in each language, and the fallback.
import { LOCALES, type Locale, type Localized } from './types';

/** A content field: one text for every language, or texts per language with Dutch required. */
export type LocalizedField = string | ({ nl: string } & Partial<Record<Locale, string>>);

/**
 * Texts per language: plain text is the same in every language (a name, a number); a language
 * the field lacks is shown in Dutch.
 */
export function toLocalized(value: LocalizedField): Localized {
	if (typeof value === 'string') return { nl: value, en: value, fr: value };
	return { nl: value.nl, en: value.en || value.nl, fr: value.fr || value.nl };
}

/** Where a language is missing: the path of a { nl, … } object in raw content that lacks it. */
export type LocaleGap = { path: (string | number)[]; locale: Locale };

/**
 * Every { nl, … } object in raw content (parsed YAML) that lacks one of `locales`, in document
 * order. Plain texts count as present in every language.
 */
export function localeGaps(
	value: unknown,
	locales: readonly Locale[] = LOCALES,
	path: (string | number)[] = []
): LocaleGap[] {
	if (Array.isArray(value))
		return value.flatMap((item, index) => localeGaps(item, locales, [...path, index]));
	if (!value || typeof value !== 'object') return [];
	const record = value as Record<string, unknown>;
	// A text per language; lists per language (a glossary term's other word forms) are optional.
	if (typeof record.nl === 'string')
		return locales
			.filter((locale) => !isPresent(record[locale]))
			.map((locale) => ({ path, locale }));
	return Object.entries(record).flatMap(([key, item]) => localeGaps(item, locales, [...path, key]));
}

function isPresent(text: unknown): boolean {
	return typeof text === 'string' && text.trim() !== '';
}

/** The languages content is complete in: those no field lacks. */
export function completeLocales(value: unknown): Locale[] {
	const gaps = localeGaps(value);
	return LOCALES.filter((locale) => !gaps.some((gap) => gap.locale === locale));
}

export const LOCALE_NAMES: Record<Locale, string> = {
	nl: 'Dutch (nl)',
	en: 'English (en)',
	fr: 'French (fr)'
};
