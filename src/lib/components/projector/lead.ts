// Each piece of text once on the projector: a lead text that opens with the step's title in bold
// ("**Waar willen we naartoe?** Schrijf …" under the title "Waar willen we naartoe?") loses that
// repeat, and the prompt is left out when the step has its own projector text.

const plain = (text: string) =>
	text
		.toLocaleLowerCase()
		.replace(/[\p{P}\p{S}\s]+/gu, ' ')
		.trim();

/** `source` (Markdown) without a leading bold phrase that only repeats `title`. */
export function withoutTitleRepeat(source: string, title: string): string {
	const match = /^\s*\*\*([^*\n]+)\*\*[ \t]*/u.exec(source);
	if (!match || plain(match[1]!) !== plain(title)) return source;
	return source.slice(match[0].length).replace(/^\s*\n/u, '');
}
