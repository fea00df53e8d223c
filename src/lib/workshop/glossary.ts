// Finding the framework's terms in a text, so a view can explain them where they appear.
import type { GlossaryTerm, Locale } from './types';

export type Segment = { text: string; term?: GlossaryTerm };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression for the term's forms in a language, as whole words. */
function pattern(term: GlossaryTerm, locale: Locale): RegExp | null {
	const forms = [...new Set(term.forms[locale] ?? [])].filter(Boolean);
	if (!forms.length) return null;
	forms.sort((a, b) => b.length - a.length);
	return new RegExp(
		`(?<![\\p{L}\\p{N}])(?:${forms.map(escape).join('|')})(?![\\p{L}\\p{N}])`,
		'iu'
	);
}

/**
 * The text cut into plain parts and terms: the first place each term appears is marked, so a
 * view can put an explanation on it. Longer terms win where two overlap.
 */
export function segments(
	text: string,
	terms: readonly GlossaryTerm[] | undefined,
	locale: Locale
): Segment[] {
	if (!terms?.length || !text) return [{ text }];
	const hits: { start: number; end: number; term: GlossaryTerm }[] = [];
	for (const term of terms) {
		const match = pattern(term, locale)?.exec(text);
		if (match) hits.push({ start: match.index, end: match.index + match[0].length, term });
	}
	hits.sort((a, b) => a.start - b.start || b.end - a.end);
	const result: Segment[] = [];
	let at = 0;
	for (const hit of hits) {
		if (hit.start < at) continue;
		if (hit.start > at) result.push({ text: text.slice(at, hit.start) });
		result.push({ text: text.slice(hit.start, hit.end), term: hit.term });
		at = hit.end;
	}
	if (at < text.length) result.push({ text: text.slice(at) });
	return result;
}

/** The terms that appear in any of the texts, in either language, in glossary order. */
export function termsIn(
	texts: readonly (string | undefined)[],
	terms: readonly GlossaryTerm[],
	locales: readonly Locale[]
): GlossaryTerm[] {
	return terms.filter((term) =>
		locales.some((locale) => {
			const re = pattern(term, locale);
			return re && texts.some((text) => text && re.test(text));
		})
	);
}
