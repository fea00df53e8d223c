import * as v from 'valibot';
import { LineCounter, parseDocument } from 'yaml';
import { ContentError } from './errors';
import { BlockSeedSchema, ReferenceSeedSchema } from './schema';
import type { Localized } from './types';

export type BuildingBlock = {
	id: string;
	group: 'voorwaardenscheppend' | 'beleidsmatig' | 'minder-mazen' | 'meer-net';
	name: Localized;
	meaning: Localized;
	question: Localized;
};
export type BlockSeed = { id: string; source: string; blocks: BuildingBlock[] };

const both = (value: string | ({ nl: string } & Partial<Localized>)): Localized =>
	typeof value === 'string'
		? { nl: value, en: value, fr: value }
		: { nl: value.nl, en: value.en || value.nl, fr: value.fr || value.nl };

export type ReferenceItem = {
	id: string;
	title: Localized;
	text?: Localized;
	outcome?: 'approved' | 'not-approved';
	tracks?: { id: string; title: Localized }[];
};
/** Reference content other than the building blocks: a definition, phases, resolutions … */
export type ReferenceSeed = {
	id: string;
	source: string;
	title: Localized;
	text?: Localized;
	items: ReferenceItem[];
};

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
		const issue = result.issues[0]!;
		const path = (issue.path ?? []).map((p) => p.key as string | number);
		const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
		throw new ContentError(
			file,
			node?.range ? lines.linePos(node.range[0]).line : 1,
			issue.message
		);
	}
	return result.output;
}

/** Parses a building-block seed file; errors name file and line. */
export function parseBlockSeed(file: string, text: string): BlockSeed {
	const seed = validate(file, text, BlockSeedSchema);
	return {
		id: seed.id,
		source: seed.source,
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
	return {
		id: seed.id,
		source: seed.source,
		title: both(seed.title),
		text: seed.text ? both(seed.text) : undefined,
		items: seed.items.map((item) => ({
			id: item.id,
			title: both(item.title),
			text: item.text ? both(item.text) : undefined,
			outcome: item.outcome,
			tracks: item.tracks?.map((track) => ({ id: track.id, title: both(track.title) }))
		}))
	};
}
