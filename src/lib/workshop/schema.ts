import * as v from 'valibot';
import { LOCALES, STEP_TYPES } from './types';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const id = (what: string) =>
	v.pipe(
		v.string(`${what} must be text`),
		v.regex(ID, `${what} must be lower-case letters, digits and dashes`)
	);

export const localized = (what: string) =>
	v.union(
		[
			v.pipe(v.string(), v.minLength(1, `${what} is empty`)),
			v.object(
				{
					nl: v.pipe(v.string(`${what}.nl must be text`), v.minLength(1, `${what}.nl is empty`)),
					en: v.optional(v.string()),
					fr: v.optional(v.string())
				},
				`${what} must be text, or nl and en texts`
			)
		],
		`${what} must be text, or nl and en texts`
	);

const choice = (what: string) =>
	v.object({ id: id(`${what} id`), title: localized(`${what} title`) });

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

export const StepSchema = v.object({
	id: id('step id'),
	type: v.picklist(STEP_TYPES),
	minutes,
	title: localized('title'),
	prompt: v.optional(localized('prompt')),
	columns: v.optional(v.array(choice('column'))),
	words: v.optional(v.boolean('words must be true or false')),
	votes: v.optional(
		v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20, 'votes must be at most 20'))
	),
	silent: v.optional(v.boolean('silent must be true or false')),
	items: v.optional(v.array(choice('item'))),
	blocks: v.optional(id('blocks')),
	statements: v.optional(
		v.union(
			[
				v.array(choice('statement')),
				v.object({
					seed: id('statements seed'),
					ids: v.optional(v.array(id('statement id')))
				})
			],
			'statements must be a list of { id, title }, or { seed, ids } naming a seed'
		)
	),
	rule: v.optional(
		v.picklist(['majority', 'two-thirds'], 'rule must be "majority" or "two-thirds"')
	),
	recap: v.optional(id('recap')),
	tags: v.optional(id('tags')),
	only: v.optional(
		v.pipe(
			v.array(id('only'), 'only must be a list of ids'),
			v.minLength(1, 'only needs at least one id')
		)
	)
});

export const WorkshopSchema = v.object({
	id: id('id'),
	title: localized('title'),
	description: localized('description'),
	locales: v.optional(
		v.array(v.picklist(LOCALES, 'locales can hold "nl", "en" and "fr"')),
		['nl', 'en']
	),
	variants: v.optional(
		v.array(
			v.object({
				id: v.pipe(v.string(), v.minLength(1)),
				minutes: v.pipe(v.number(), v.integer(), v.minValue(1)),
				title: localized('variant title')
			})
		)
	),
	sources: v.optional(v.array(v.string())),
	order: v.optional(
		v.pipe(v.number('order must be a number'), v.integer('order must be a whole number'))
	),
	steps: v.pipe(
		v.array(v.unknown(), 'steps must be a list'),
		v.minLength(1, 'a workshop needs at least one step')
	)
});

export const BlockSeedSchema = v.object({
	id: id('id'),
	source: v.pipe(v.string(), v.minLength(1, 'a seed names its source')),
	blocks: v.array(
		v.object({
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

const referenceItem = v.object({
	id: id('item id'),
	title: localized('title'),
	text: v.optional(localized('text')),
	outcome: v.optional(
		v.picklist(['approved', 'not-approved'], 'outcome must be "approved" or "not-approved"')
	),
	tracks: v.optional(v.array(v.object({ id: id('track id'), title: localized('track title') })))
});

export const ReferenceSeedSchema = v.object({
	id: id('id'),
	source: v.pipe(v.string(), v.minLength(1, 'a seed names its source')),
	title: localized('title'),
	text: v.optional(localized('text')),
	items: v.pipe(v.array(referenceItem), v.minLength(1, 'a seed needs at least one item'))
});
