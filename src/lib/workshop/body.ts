// The Markdown body of a workshop file: long texts per step, by heading.
//
//   # <step id>
//   ## projector | begeleider
//   ### nl | en | fr
//   Markdown …
import { LOCALES, type Locale } from './types';
import { ContentError } from './errors';

export const BODY_PARTS = { projector: 'projector', begeleider: 'facilitatorNotes' } as const;
export type BodyPart = (typeof BODY_PARTS)[keyof typeof BODY_PARTS];
export type StepTexts = Partial<Record<BodyPart, Partial<Record<Locale, string>>>> & {
	line?: number;
};

export function parseBody(file: string, body: string, firstLine: number): Map<string, StepTexts> {
	const texts = new Map<string, StepTexts>();
	let step: string | null = null;
	let part: BodyPart | null = null;
	let locale: Locale | null = null;
	let buffer: string[] = [];
	const flush = () => {
		if (step && part && locale) {
			const entry = texts.get(step)!;
			(entry[part] ??= {})[locale] = buffer.join('\n').trim();
		}
		buffer = [];
	};
	body.split('\n').forEach((raw, index) => {
		const line = firstLine + index;
		const heading = /^(#{1,3})\s+(.*?)\s*$/.exec(raw);
		if (!heading) {
			if (raw.trim() && !locale)
				throw new ContentError(file, line, 'text outside a "### nl", "### en" or "### fr" section');
			buffer.push(raw);
			return;
		}
		flush();
		const [, marks, name] = heading as unknown as [string, string, string];
		if (marks === '#') {
			step = name;
			part = null;
			locale = null;
			if (texts.has(step))
				throw new ContentError(file, line, `step "${step}" has a second text section`);
			texts.set(step, { line });
		} else if (marks === '##') {
			if (!step)
				throw new ContentError(file, line, `"## ${name}" comes before any "# <step id>" heading`);
			if (!(name in BODY_PARTS)) {
				throw new ContentError(
					file,
					line,
					`step "${step}": unknown section "${name}" (use "projector" or "begeleider")`
				);
			}
			part = BODY_PARTS[name as keyof typeof BODY_PARTS];
			locale = null;
		} else {
			if (!part)
				throw new ContentError(
					file,
					line,
					`"### ${name}" comes before "## projector" or "## begeleider"`
				);
			if (!(LOCALES as readonly string[]).includes(name))
				throw new ContentError(
					file,
					line,
					`step "${step}": unknown language "${name}" (use ${LOCALES.join(', ')})`
				);
			locale = name as Locale;
		}
	});
	flush();
	return texts;
}
