/** Levenshtein distance, for "did you mean" hints. */
export function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0]!;
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j]!;
			row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length]!;
}

/** The closest known word, when close enough to be a typo. */
export function closest(word: string, known: readonly string[]): string | null {
	let best: string | null = null;
	let bestDistance = Infinity;
	for (const candidate of known) {
		const d = distance(word.toLowerCase(), candidate.toLowerCase());
		if (d < bestDistance) [best, bestDistance] = [candidate, d];
	}
	return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}
