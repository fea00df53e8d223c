// One loader for workshop files: Markdown with YAML front matter. Errors name file and line.
import * as v from 'valibot';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { parseBody, type StepTexts } from './body';
import { ContentError } from './errors';
import type { ReferenceSeed } from './seeds';
import { COMMON_STEP_ENTRIES, issueMessage, WorkshopSchema } from './schema';
import { declared, type LoadContext, type RawStep } from '../steps/kind';
import { stepKind, stepKinds } from '../steps/registry';
import { closest } from './suggest';
import { LOCALE_NAMES, localeGaps } from './locales';
import {
	LOCALES,
	type Locale,
	type Localized,
	type WorkshopStep,
	type Workshop,
	type StepOptions,
	type Source,
	type Statement
} from './types';

type Located = { file: string; doc: Document; lines: LineCounter; offset: number };

function lineOf(at: Located, path: (string | number)[]): number {
	for (let depth = path.length; depth >= 0; depth--) {
		const node = at.doc.getIn(path.slice(0, depth), true) as
			{ range?: [number, number, number] } | undefined;
		const start = node?.range?.[0];
		if (start !== undefined) return at.lines.linePos(start).line + at.offset;
	}
	return 1 + at.offset;
}

function fail(at: Located, path: (string | number)[], problem: string): never {
	throw new ContentError(at.file, lineOf(at, path), problem);
}

function issuePath(issue: v.BaseIssue<unknown>): (string | number)[] {
	return (issue.path ?? []).map((item) => item.key as string | number);
}

function check<T extends v.GenericSchema>(
	at: Located,
	schema: T,
	value: unknown,
	base: (string | number)[],
	label: string
) {
	const result = v.safeParse(schema, value);
	if (result.success) return result.output as v.InferOutput<T>;
	const issue = result.issues[0]!;
	let { path, message } = issueMessage(issue);
	if (
		issue.kind === 'schema' &&
		(issue.type === 'object' || issue.type === 'strict_object') &&
		issue.input === undefined
	) {
		path = issuePath(issue);
		message = `missing "${path.at(-1)}"`;
	}
	if (message.startsWith('unknown field')) {
		const known = Object.keys((schema as unknown as { entries?: object }).entries ?? {});
		const hint = path.length === 1 ? closest(String(path[0]), known) : null;
		if (hint) message += ` (did you mean "${hint}"?)`;
	}
	fail(at, [...base, ...path], `${label}${message}`);
}

/** A text in every language: where the workshop lacks a language or the text, Dutch. */
function localize(
	value: string | ({ nl: string } & Partial<Record<Locale, string>>),
	locales: readonly Locale[]
): Localized {
	const text = typeof value === 'string' ? { nl: value } : value;
	return Object.fromEntries(
		LOCALES.map((l) => [l, (locales.includes(l) && text[l]) || text.nl])
	) as Localized;
}

function splitFrontMatter(
	file: string,
	text: string
): { yaml: string; body: string; bodyLine: number } {
	const normalized = text.replace(/\r\n?/g, '\n');
	if (!normalized.startsWith('---\n'))
		throw new ContentError(file, 1, 'a workshop file starts with "---" and YAML front matter');
	const end = normalized.indexOf('\n---', 3);
	if (end < 0) throw new ContentError(file, 1, 'the front matter has no closing "---"');
	const yaml = normalized.slice(4, end + 1);
	const afterClose = normalized.indexOf('\n', end + 1);
	const body = afterClose < 0 ? '' : normalized.slice(afterClose + 1);
	return { yaml, body, bodyLine: yaml.split('\n').length + 2 };
}

function stepMinutes(
	minutes: number | Record<string, number | null>,
	variant: string | undefined
): number | null {
	if (typeof minutes === 'number') return minutes;
	if (variant === undefined) return Object.values(minutes).find((m) => m !== null) ?? null;
	return minutes[variant] ?? null;
}

/**
 * The seeds a workshop may name: their ids, or for each id the ids of its items (then `only` is
 * checked against them too).
 */
export type KnownSeeds = readonly string[] | ReadonlyMap<string, readonly string[]>;

type StatementsField =
	| { id: string; title: string | { nl: string; en?: string } }[]
	| {
			seed: string;
			ids?: string[];
	  };

/**
 * A vote's statements: written in the file, or taken from a reference seed
 * (`statements: { seed: resoluties-caruna, ids: [r1, r2] }`; without `ids`, every item), with
 * the outcome the seed records for each.
 */
function resolveStatements(
	at: Located,
	path: (string | number)[],
	label: string,
	field: StatementsField,
	locales: readonly Locale[],
	references: ReadonlyMap<string, ReferenceSeed> | undefined
): Statement[] {
	if (Array.isArray(field))
		return field.map((c) => ({ id: c.id, title: localize(c.title, locales) }));
	const seed = references?.get(field.seed);
	if (!seed) {
		const hint = closest(field.seed, [...(references?.keys() ?? [])]);
		fail(
			at,
			[...path, 'seed'],
			`${label}unknown seed "${field.seed}"${hint ? ` (did you mean "${hint}"?)` : ''}`
		);
	}
	const ids = field.ids ?? seed.items.map((item) => item.id);
	return ids.map((itemId, index) => {
		const item = seed.items.find((i) => i.id === itemId);
		if (!item)
			fail(at, [...path, 'ids', index], `${label}seed "${seed.id}" has no item "${itemId}"`);
		const pick = (text: Localized) => localize(text, locales);
		return {
			id: item.id,
			title: pick(item.title),
			...(item.outcome ? { recorded: item.outcome } : {}),
			...(item.text ? { text: pick(item.text) } : {})
		};
	});
}

/** A step after the schema: the common keys typed, each kind's options as written. */
type LoadedStep = RawStep & {
	minutes: number | Record<string, number | null>;
	title: string | Localized;
	prompt?: string | Localized;
	sources?: string[];
	blocks?: string;
	tags?: string;
	only?: string[];
};

/** The schema of a step: the common keys and every registered kind's options (strict). */
const stepSchema = () =>
	v.strictObject({
		...COMMON_STEP_ENTRIES,
		type: v.picklist(stepKinds().map((kind) => kind.type)),
		...Object.assign({}, ...stepKinds().map((kind) => kind.options))
	});

/**
 * Parses and validates one workshop file. `file` is the name used in error messages;
 * `knownSeeds` the seeds steps may name, `references` the reference seeds statements may use.
 */
export function parseWorkshop(
	file: string,
	text: string,
	knownSeeds?: KnownSeeds,
	references?: ReadonlyMap<string, ReferenceSeed>
): Workshop {
	const { yaml, body, bodyLine } = splitFrontMatter(file, text);
	const lines = new LineCounter();
	const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
	const at: Located = { file, doc, lines, offset: 1 };
	const yamlError = doc.errors[0];
	if (yamlError)
		throw new ContentError(
			file,
			lines.linePos(yamlError.pos[0]).line + 1,
			`invalid YAML: ${yamlError.message.split('\n')[0]}`
		);
	const raw = doc.toJS() as unknown;
	const workshop = check(at, WorkshopSchema, raw, [], '');
	const locales = workshop.locales as Locale[];
	const gap = localeGaps(raw, locales)[0];
	if (gap)
		fail(
			at,
			gap.path,
			`no ${LOCALE_NAMES[gap.locale]} text, but the workshop lists "${gap.locale}" in its locales`
		);
	const seedIds = knownSeeds && (Array.isArray(knownSeeds) ? knownSeeds : [...knownSeeds.keys()]);
	const seedItems = (seed: string) =>
		knownSeeds && !Array.isArray(knownSeeds)
			? (knownSeeds as ReadonlyMap<string, readonly string[]>).get(seed)
			: undefined;
	const defaultVariant = workshop.variants?.[0]?.id;
	const sources: Source[] = (workshop.sources ?? []).map(({ about, ...rest }) => ({
		...rest,
		...(about ? { about: localize(about, locales) } : {})
	}));
	sources.forEach((source, index) => {
		if (sources.findIndex((s) => s.id === source.id) !== index)
			fail(at, ['sources', index, 'id'], `source id "${source.id}" is used twice`);
	});
	const seen = new Set<string>();
	const steps: WorkshopStep[] = [];
	const schema = stepSchema();
	const types = stepKinds().map((kind) => kind.type);
	workshop.steps.forEach((rawStep, index) => {
		const stepId = (rawStep as { id?: unknown })?.id;
		const label = typeof stepId === 'string' ? `step "${stepId}": ` : `step ${index + 1}: `;
		const type = (rawStep as { type?: unknown })?.type;
		if (typeof type === 'string' && !types.includes(type)) {
			const hint = closest(type, types);
			fail(
				at,
				['steps', index, 'type'],
				`${label}unknown type "${type}"${hint ? ` (did you mean "${hint}"?)` : ''}`
			);
		}
		const step = check(at, schema, rawStep, ['steps', index], label) as LoadedStep;
		const kind = stepKind(step.type)!;
		if (seen.has(step.id))
			fail(at, ['steps', index, 'id'], `${label}the id is used by an earlier step`);
		seen.add(step.id);
		if (typeof step.minutes === 'object') {
			for (const key of Object.keys(step.minutes)) {
				if (!workshop.variants?.some((variant) => variant.id === key)) {
					fail(at, ['steps', index, 'minutes', key], `${label}unknown variant "${key}" in minutes`);
				}
			}
		}
		let statements: Statement[] | undefined;
		const context: LoadContext = {
			fail: (path, problem) => fail(at, ['steps', index, ...path], `${label}${problem}`),
			localize: (text) => localize(text as Localized, locales),
			earlier: seen,
			statements(field, path) {
				if (!field || statements) return statements;
				statements = resolveStatements(
					at,
					['steps', index, ...path],
					label,
					field as StatementsField,
					locales,
					references
				);
				if (!Array.isArray(field)) {
					for (const source of references?.get((field as { seed: string }).seed)?.sources ?? [])
						if (!sources.some((s) => s.id === source.id || s.title === source.title))
							sources.push(source);
				}
				return statements;
			}
		};
		kind.check?.(step, context);
		for (const key of ['blocks', 'tags'] as const) {
			const seed = step[key];
			if (seed && seedIds && !seedIds.includes(seed)) {
				const hint = closest(seed, seedIds);
				fail(
					at,
					['steps', index, key],
					`${label}unknown seed "${seed}"${hint ? ` (did you mean "${hint}"?)` : ''}`
				);
			}
		}
		if (step.only) {
			const seed = step.blocks ?? step.tags;
			if (!seed) fail(at, ['steps', index, 'only'], `${label}"only" needs "blocks" or "tags"`);
			const items = seedItems(seed) ?? [];
			step.only.forEach((item, position) => {
				if (seedItems(seed) && !items.includes(item)) {
					const hint = closest(item, items);
					fail(
						at,
						['steps', index, 'only', position],
						`${label}seed "${seed}" has no item "${item}"${hint ? ` (did you mean "${hint}"?)` : ''}`
					);
				}
				if (step.only!.indexOf(item) !== position)
					fail(at, ['steps', index, 'only', position], `${label}"${item}" is named twice in only`);
			});
		}
		// Another kind's option on this step: say whose it is.
		for (const key of Object.keys(step)) {
			if (key in COMMON_STEP_ENTRIES || key in kind.options) continue;
			const owners = stepKinds().filter((other) => key in other.options);
			fail(
				at,
				['steps', index, key],
				`${label}"${key}" belongs to ${owners.map((owner) => owner.noun).join(' or ')}`
			);
		}
		step.sources?.forEach((source, position) => {
			if (!sources.some((s) => s.id === source)) {
				const hint = closest(
					source,
					sources.map((s) => s.id)
				);
				fail(
					at,
					['steps', index, 'sources', position],
					`${label}unknown source "${source}"${hint ? ` (did you mean "${hint}"?)` : ''}`
				);
			}
		});
		const minutes = stepMinutes(step.minutes, defaultVariant) ?? 0;
		const options: StepOptions = {
			...(kind.load ?? ((raw) => declared(raw, kind.options)))(step, context),
			...(step.sources ? { sources: step.sources } : {})
		};
		steps.push({
			id: step.id,
			type: step.type,
			minutes,
			title: localize(step.title, locales),
			prompt: localize(step.prompt ?? '', locales),
			options,
			...(typeof step.minutes === 'object' ? { minutesByVariant: step.minutes } : {})
		} as WorkshopStep);
	});
	attachTexts(file, steps, parseBody(file, body, bodyLine), bodyLine, locales);
	const labels: Record<string, Localized> = {};
	for (const step of steps) {
		for (const choice of [
			...(step.options?.columns ?? []),
			...(step.options?.items ?? []),
			...(step.options?.statements ?? [])
		]) {
			labels[choice.id] = choice.title;
		}
	}
	return {
		labels,
		id: workshop.id,
		title: localize(workshop.title, locales),
		description: localize(workshop.description, locales),
		minutes: steps.reduce((sum, step) => sum + step.minutes, 0),
		locales,
		steps,
		variants: workshop.variants?.map((variant) => ({
			...variant,
			title: localize(variant.title, locales)
		})),
		...(sources.length ? { sources } : {}),
		...(workshop.order !== undefined ? { order: workshop.order } : {})
	};
}

function attachTexts(
	file: string,
	steps: WorkshopStep[],
	texts: Map<string, StepTexts>,
	bodyLine: number,
	locales: readonly Locale[]
): void {
	// A part written in Dutch needs every language the workshop lists; others show the Dutch.
	const inLocales = (stepId: string, line: number, name: string, part: Partial<Localized>) => {
		for (const locale of locales)
			if (part.nl && !part[locale])
				throw new ContentError(
					file,
					line,
					`step "${stepId}": the ${name} text has no "### ${locale}" section, but the workshop lists "${locale}" in its locales`
				);
		return Object.fromEntries(
			LOCALES.map((l) => [l, (locales.includes(l) && part[l]) || part.nl || ''])
		) as Localized;
	};
	for (const [stepId, parts] of texts) {
		const step = steps.find((s) => s.id === stepId);
		if (!step) {
			const hint = closest(
				stepId,
				steps.map((s) => s.id)
			);
			throw new ContentError(
				file,
				parts.line ?? bodyLine,
				`text for unknown step "${stepId}"${hint ? ` (did you mean "${hint}"?)` : ''}`
			);
		}
		const line = parts.line ?? bodyLine;
		if (parts.projector) step.projector = inLocales(stepId, line, 'projector', parts.projector);
		if (parts.facilitatorNotes)
			step.facilitatorNotes = inLocales(stepId, line, 'begeleider', parts.facilitatorNotes);
	}
}
