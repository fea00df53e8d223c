// Hyphenation for the projector. CSS `hyphens: auto` needs the browser's own dictionaries, and
// Chromium on Linux has none (nor do many kiosk browsers), so words break mid-word without a
// hyphen ("thuisverpleegkundig|e"). We put soft hyphens (U+00AD) into the long words ourselves,
// with TeX's patterns for the language: the browser breaks only there, and draws the hyphen.
// Only words of LONG_WORD letters or more get them: shorter words always fit a column, and text
// that people read back (or tests look for) stays as typed.
import en from 'hyphen/en-gb';
import fr from 'hyphen/fr';
import nl from 'hyphen/nl';
import type { Locale } from '$lib/workshop/types';

export const LONG_WORD = 12;
export const SOFT_HYPHEN = '\u00ad';

const HYPHENATORS = { nl, en, fr } satisfies Record<Locale, unknown>;

const cache = new Map<string, string>();

/** `text` with soft hyphens in its words of LONG_WORD letters or more (in `locale`'s patterns). */
export function hyphenate(text: string, locale: Locale): string {
	if (!/\p{L}{12}/u.test(text)) return text;
	const key = `${locale}\u0000${text}`;
	let result = cache.get(key);
	if (result === undefined) {
		result = (HYPHENATORS[locale] ?? nl).hyphenateSync(text, { minWordLength: LONG_WORD });
		if (cache.size > 2000) cache.clear();
		cache.set(key, result);
	}
	return result;
}
