import * as v from 'valibot';
import { LOCALES } from './types';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const id = (what: string) =>
	v.pipe(
		v.string(`${what} must be text`),
		v.regex(ID, `${what} must be lower-case letters, digits and dashes`)
	);

const text = (what: string) =>
	v.pipe(v.string(`${what} must be text`), v.minLength(1, `${what} is empty`));

// Objects are strict: an unknown key is refused. In YAML an unquoted comma inside { } ends a
// value, and the rest of the text becomes a key of its own: `{ nl: Eén, twee, en: One }` would
// otherwise load as "Eén" with a stray key "twee" (see issueMessage).
export const localized = (what: string) =>
	v.union(
		[
			v.pipe(v.string(), v.minLength(1, `${what} is empty`)),
			v.strictObject(
				{
					nl: text(`${what}.nl`),
					en: v.optional(text(`${what}.en`)),
					fr: v.optional(text(`${what}.fr`))
				},
				`${what} must be text, or nl and en texts`
			)
		],
		`${what} must be text, or nl and en texts`
	);

export const choice = (what: string) =>
	v.strictObject({ id: id(`${what} id`), title: localized(`${what} title`) });

/** A source as the source documents give it. */
export const SourceSchema = v.strictObject(
	{
		id: id('source id'),
		title: text('source title'),
		author: v.optional(text('source author')),
		year: v.optional(
			v.pipe(
				v.union([v.number(), v.string()], 'source year must be a year or "z.d."'),
				v.transform(String)
			)
		),
		url: v.optional(
			v.pipe(
				v.string('source url must be text'),
				v.regex(/^https?:\/\/\S+$/, 'source url must start with http:// or https://')
			)
		),
		about: v.optional(localized('source about'))
	},
	'a source is { id, title, author, year, url }'
);

const sources = v.pipe(
	v.array(SourceSchema, 'sources must be a list of { id, title, author, year, url }'),
	v.minLength(1, 'a seed lists its sources')
);

type Issue = v.BaseIssue<unknown> & { issues?: Issue[] };

/**
 * The path and message of a validation issue, looking inside unions for the deepest cause, so a
 * stray key in { nl, en } is reported as such rather than as "must be text, or nl and en texts".
 */
export function issueMessage(issue: Issue): { path: (string | number)[]; message: string } {
	const keys = (i: Issue) => (i.path ?? []).map((p) => p.key as string | number);
	const stray = (i: Issue) => i.type === 'strict_object' && i.expected === 'never';
	const nested = issue.issues?.find(stray) ?? undefined;
	const cause = nested && issue.type === 'union' ? nested : issue;
	// Inside a union, the nested issue's path continues the union's own path.
	const path = cause === issue ? keys(issue) : [...keys(issue), ...keys(cause)];
	// A required key that is not there: valibot says `Invalid key: Expected "sources"`.
	if (
		/^(strict_)?object$/.test(cause.type) &&
		cause.input === undefined &&
		/^"/.test(cause.expected ?? '')
	)
		return { path: path.slice(0, -1), message: `missing ${cause.expected}` };
	if (stray(cause)) {
		const key = String(path.at(-1));
		const hint = /[\s,.]/.test(key)
			? ' (a comma in unquoted text inside { } splits it: put the text in quotes)'
			: '';
		return { path, message: `unknown field "${key}"${hint}` };
	}
	return { path, message: cause.message };
}

const minutes = v.union(
	[
		v.pipe(v.number(), v.integer(), v.minValue(1, 'minutes must be at least 1'), v.maxValue(600)),
		v.record(
			v.string(),
			v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600)))
		)
	],
	'minutes must be a whole number, or minutes per variant'
);

/**
 * The keys every step has; each kind adds its own options (src/lib/steps/<kind>/options.ts) and
 * the loader checks a step against all of them (see parse.ts).
 */
export const COMMON_STEP_ENTRIES = {
	id: id('step id'),
	type: v.string('type must be text'),
	minutes,
	title: localized('title'),
	prompt: v.optional(localized('prompt')),
	sources: v.optional(v.array(id('source id'), 'sources must be a list of source ids'))
};

export const WorkshopSchema = v.strictObject({
	id: id('id'),
	title: localized('title'),
	description: localized('description'),
	locales: v.optional(v.array(v.picklist(LOCALES, 'locales can hold "nl", "en" and "fr"')), [
		'nl',
		'en'
	]),
	variants: v.optional(
		v.array(
			v.strictObject({
				id: v.pipe(v.string(), v.minLength(1)),
				minutes: v.pipe(v.number(), v.integer(), v.minValue(1)),
				title: localized('variant title')
			})
		)
	),
	sources: v.optional(
		v.array(SourceSchema, 'sources must be a list of { id, title, author, year, url }')
	),
	order: v.optional(
		v.pipe(v.number('order must be a number'), v.integer('order must be a whole number'))
	),
	steps: v.pipe(
		v.array(v.unknown(), 'steps must be a list'),
		v.minLength(1, 'a workshop needs at least one step')
	)
});

export const BlockSeedSchema = v.strictObject({
	id: id('id'),
	sources,
	blocks: v.array(
		v.strictObject({
			id: id('block id'),
			group: v.picklist(
				['voorwaardenscheppend', 'beleidsmatig', 'minder-mazen', 'meer-net'],
				'unknown group'
			),
			name: localized('name'),
			meaning: localized('meaning'),
			question: localized('question'),
			examples: v.optional(v.array(localized('example')))
		})
	)
});

const referenceItem = v.strictObject({
	id: id('item id'),
	title: localized('title'),
	text: v.optional(localized('text')),
	outcome: v.optional(
		v.picklist(['approved', 'not-approved'], 'outcome must be "approved" or "not-approved"')
	),
	/** Where the item's content comes from, if not the seed's first source: a source id. */
	source: v.optional(id('item source')),
	tracks: v.optional(
		v.array(
			v.strictObject({
				id: id('track id'),
				title: localized('track title'),
				text: v.optional(localized('track text')),
				examples: v.optional(v.array(localized('track example')))
			})
		)
	)
});

export const ReferenceSeedSchema = v.strictObject({
	id: id('id'),
	sources,
	title: localized('title'),
	text: v.optional(localized('text')),
	/** Where the text comes from, if not the seed's first source: a source id. */
	textSource: v.optional(id('text source')),
	items: v.pipe(v.array(referenceItem), v.minLength(1, 'a seed needs at least one item'))
});

/** The glossary: the framework's terms in plain language. */
export const GlossarySeedSchema = v.strictObject({
	id: id('id'),
	sources,
	title: localized('title'),
	terms: v.pipe(
		v.array(
			v.strictObject({
				id: id('term id'),
				term: localized('term'),
				forms: v.optional(
					v.strictObject({
						nl: v.optional(v.array(text('form'))),
						en: v.optional(v.array(text('form'))),
						fr: v.optional(v.array(text('form')))
					})
				),
				explanation: localized('explanation')
			})
		),
		v.minLength(1, 'a glossary needs at least one term')
	)
});
