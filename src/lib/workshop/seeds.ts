import * as v from 'valibot';
import { LineCounter, parseDocument } from 'yaml';
import { ContentError } from './errors';
import { formatSource } from './sources';
import { BlockSeedSchema, GlossarySeedSchema, issueMessage, ReferenceSeedSchema } from './schema';
import {
	LOCALES,
	type GlossaryTerm,
	type Locale,
	type Localized,
	type Source,
	type Track
} from './types';

export type BuildingBlock = {
	id: string;
	group: 'voorwaardenscheppend' | 'beleidsmatig' | 'minder-mazen' | 'meer-net';
	name: Localized;
	meaning: Localized;
	question: Localized;
};
export type BlockSeed = {
	id: string;
	/** The sources in one line, for messages and older callers. */
	source: string;
	sources?: Source[];
	blocks: BuildingBlock[];
};

type Text = string | ({ nl: string } & Partial<Record<Locale, string>>);

/** A seed text in every language; where a language is missing, the Dutch text. */
const both = (value: Text): Localized => {
	const text = typeof value === 'string' ? { nl: value } : value;
	return Object.fromEntries(LOCALES.map((l) => [l, text[l] || text.nl])) as Localized;
};

type SourceInput = Omit<Source, 'about'> & { about?: Text };
const toSources = (list: SourceInput[]): Source[] =>
	list.map(({ about, ...rest }) => ({ ...rest, ...(about ? { about: both(about) } : {}) }));

export type ReferenceItem = {
	id: string;
	title: Localized;
	text?: Localized;
	outcome?: 'approved' | 'not-approved';
	/** The id of the seed source the item comes from, where it is not the first. */
	source?: string;
	tracks?: Track[];
};
/** Reference content other than the building blocks: a definition, phases, resolutions … */
export type ReferenceSeed = {
	id: string;
	source: string;
	sources?: Source[];
	title: Localized;
	text?: Localized;
	/** The id of the seed source the text comes from, where it is not the first. */
	textSource?: string;
	items: ReferenceItem[];
};

/** The glossary seed: the framework's terms in plain language. */
export type GlossarySeed = {
	id: string;
	sources: Source[];
	title: Localized;
	terms: GlossaryTerm[];
};

export { formatSource } from './sources';

function validate<T extends v.GenericSchema>(
	file: string,
	text: string,
	schema: T
): v.InferOutput<T> {
	const lines = new LineCounter();
	const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
	if (doc.errors[0])
		throw new ContentError(
			file,
			lines.linePos(doc.errors[0].pos[0]).line,
			`invalid YAML: ${doc.errors[0].message.split('\n')[0]}`
		);
	const result = v.safeParse(schema, doc.toJS());
	if (!result.success) {
		const { path, message } = issueMessage(result.issues[0]!);
		throw new ContentError(file, lineOf(doc, lines, path), message);
	}
	return result.output;
}

/** The line of the deepest node on the path that the document has (a stray key has a node). */
function lineOf(
	doc: ReturnType<typeof parseDocument>,
	lines: LineCounter,
	path: (string | number)[]
): number {
	for (let depth = path.length; depth >= 0; depth--) {
		const at = path.slice(0, depth);
		const node = (depth === 0 ? doc.contents : doc.getIn(at, true)) as {
			range?: [number, number, number];
		} | null;
		if (node?.range) return lines.linePos(node.range[0]).line;
		// A key whose value is empty (`{ a, b }` makes b: null) has no value node: find the key.
		const parent = doc.getIn(at.slice(0, -1), true) as
			{ items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
		const pair = parent?.items?.find((item) => String(item.key?.value) === String(at.at(-1)));
		if (pair?.key?.range) return lines.linePos(pair.key.range[0]).line;
	}
	return 1;
}

/** Parses a building-block seed file; errors name file and line. */
export function parseBlockSeed(file: string, text: string): BlockSeed {
	const seed = validate(file, text, BlockSeedSchema);
	return {
		id: seed.id,
		source: seed.sources.map((s) => formatSource(s)).join('; '),
		sources: toSources(seed.sources),
		blocks: seed.blocks.map((b) => ({
			id: b.id,
			group: b.group,
			name: both(b.name),
			meaning: both(b.meaning),
			question: both(b.question)
		}))
	};
}

/** Parses a reference seed file (definition, phases, resolutions …). */
export function parseReferenceSeed(file: string, text: string): ReferenceSeed {
	const seed = validate(file, text, ReferenceSeedSchema);
	const sourceIds = seed.sources.map((s) => s.id);
	const known = (where: string, value: string | undefined) => {
		if (value && !sourceIds.includes(value))
			throw new ContentError(file, lineOfText(text, value), `${where} names no source "${value}"`);
	};
	known('textSource', seed.textSource);
	for (const item of seed.items) known(`item "${item.id}"`, item.source);
	return {
		id: seed.id,
		source: seed.sources.map((s) => formatSource(s)).join('; '),
		sources: toSources(seed.sources),
		title: both(seed.title),
		text: seed.text ? both(seed.text) : undefined,
		...(seed.textSource ? { textSource: seed.textSource } : {}),
		items: seed.items.map((item) => ({
			id: item.id,
			title: both(item.title),
			text: item.text ? both(item.text) : undefined,
			outcome: item.outcome,
			...(item.source ? { source: item.source } : {}),
			tracks: item.tracks?.map((track) => ({
				id: track.id,
				title: both(track.title),
				...(track.text ? { text: both(track.text) } : {}),
				...(track.examples ? { examples: track.examples.map(both) } : {})
			}))
		}))
	};
}

const lineOfText = (text: string, value: string) =>
	Math.max(1, text.split('\n').findIndex((line) => line.includes(value)) + 1);

/** Parses the glossary seed (a `terms:` list). */
export function parseGlossarySeed(file: string, text: string): GlossarySeed {
	const seed = validate(file, text, GlossarySeedSchema);
	return {
		id: seed.id,
		sources: toSources(seed.sources),
		title: both(seed.title),
		terms: seed.terms.map((t) => {
			const term = both(t.term);
			return {
				id: t.id,
				term,
				forms: Object.fromEntries(
					LOCALES.map((l) => [l, [term[l].toLowerCase(), ...(t.forms?.[l] ?? [])]])
				) as Record<Locale, string[]>,
				explanation: both(t.explanation)
			};
		})
	};
}
