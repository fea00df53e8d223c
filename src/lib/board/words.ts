import type { Note } from './notes';

export type WordCount = { word: string; count: number };

/** Answers to a one-word prompt, counted case- and punctuation-insensitively, most frequent first. */
export function wordCloud(notes: readonly Note[]): WordCount[] {
	const counts = new Map<string, WordCount>();
	for (const note of notes) {
		const word = note.text.trim().replace(/[.!?,;:]+$/u, '');
		if (!word) continue;
		const key = word.toLocaleLowerCase('nl');
		const entry = counts.get(key);
		if (entry) entry.count += 1;
		else counts.set(key, { word, count: 1 });
	}
	return [...counts.values()].sort(
		(a, b) => b.count - a.count || a.word.localeCompare(b.word, 'nl')
	);
}
