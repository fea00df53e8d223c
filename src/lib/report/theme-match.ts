// Recurring themes across sessions: facilitators name one theme a little differently from one
// session to the next ("Eenzaamheid bij ouderen", "eenzaamheid van ouderen", "Ouderen:
// eenzaamheid"). Two titles name the same theme when the words that carry meaning are the same
// (small words, word order and plural endings aside) or differ by no more than a typo.
// Input: titles already compared "as people would" (compare.ts, sameKey).

/** Words that carry no theme of their own, in Dutch, English and French (accents already gone). */
const SMALL_WORDS = new Set(
	(
		'de het een en van voor bij in op met aan door naar om te tot uit over als of die dat der den ' +
		'ons onze hun t s the a an of for with at on to and by from our their ' +
		'le la les l un une des du d et pour avec dans sur au aux a nos notre leur leurs'
	).split(' ')
);

/** A word without its plural or inflected ending (ouderen, oudere → ouder; agees → age). */
function stem(word: string): string {
	let w = word;
	if (w.length >= 4 && w.endsWith('s')) w = w.slice(0, -1);
	if (w.length >= 5 && w.endsWith('en')) w = w.slice(0, -2);
	else if (w.length >= 4 && w.endsWith('e')) w = w.slice(0, -1);
	return w;
}

/** The theme's words that carry meaning, stemmed and sorted: one key per way of saying it. */
export function themeWords(key: string): string {
	const words = key.split(' ').filter((w) => w && !SMALL_WORDS.has(w));
	return [...new Set(words.map(stem))].sort().join(' ');
}

/** How many single-character edits turn `a` into `b` (Levenshtein), counting no further than `max` + 1. */
function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			best = Math.min(best, current[j]!);
		}
		if (best > max) return max + 1;
		previous = current;
	}
	return previous[b.length]!;
}

/**
 * Whether two titles (as sameKey gives them) name the same theme: the same meaningful words, or
 * one typo per ten letters of them (none in a short title, where one letter changes the word).
 */
export function sameTheme(a: string, b: string): boolean {
	if (a === b) return true;
	const wordsA = themeWords(a);
	const wordsB = themeWords(b);
	if (!wordsA || !wordsB) return false;
	if (wordsA === wordsB) return true;
	const typos = Math.floor(Math.min(wordsA.length, wordsB.length) / 10);
	return typos > 0 && editDistance(wordsA, wordsB, typos) <= typos;
}
