// Sources in one line, for the report's "Bronnen" and the projector. No dependencies: views and
// the report import it.
import type { Source } from './types';

const UNDATED: Record<string, string> = { nl: 'z.d.', en: 'n.d.', fr: 's.d.' };

/** A source as one line: Author (year). Title. URL */
export function formatSource(source: Omit<Source, 'about'>, locale: string = 'nl'): string {
	const year = !source.year || source.year === 'z.d.' ? (UNDATED[locale] ?? 'z.d.') : source.year;
	const head = source.author ? `${source.author} (${year}). ` : '';
	const title = /[.?!)]$/.test(source.title) ? source.title : `${source.title}.`;
	return `${head}${title}${source.url ? ` ${source.url}` : ''}`;
}
