// Workshop texts are Markdown. Raw HTML is shown as text and only http(s) and mailto links
// survive, so a workshop file cannot inject markup into any view.
import { Marked, type Tokens } from 'marked';

const SAFE_LINK = /^(https?:|mailto:|\/|#)/i;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
	gfm: true,
	renderer: {
		html: (token: Tokens.HTML | Tokens.Tag) => escape(token.text),
		link(token: Tokens.Link) {
			const text = this.parser.parseInline(token.tokens);
			if (!SAFE_LINK.test(token.href)) return text;
			return `<a href="${escape(token.href)}" rel="noopener noreferrer">${text}</a>`;
		},
		image: (token: Tokens.Image) => escape(token.text)
	}
});

export function renderMarkdown(source: string): string {
	return marked.parse(source, { async: false });
}
