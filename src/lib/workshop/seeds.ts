import * as v from 'valibot';
import { LineCounter, parseDocument } from 'yaml';
import { ContentError } from './errors';
import { BlockSeedSchema } from './schema';
import type { Localized } from './types';

export type BuildingBlock = {
	id: string;
	group: 'voorwaardenscheppend' | 'beleidsmatig' | 'minder-mazen' | 'meer-net';
	name: Localized;
	meaning: Localized;
	question: Localized;
};
export type BlockSeed = { id: string; source: string; blocks: BuildingBlock[] };

const both = (value: string | { nl: string; en?: string }): Localized =>
	typeof value === 'string' ? { nl: value, en: value } : { nl: value.nl, en: value.en || value.nl };

/** Parses a building-block seed file; errors name file and line. */
export function parseBlockSeed(file: string, text: string): BlockSeed {
	const lines = new LineCounter();
	const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
	if (doc.errors[0])
		throw new ContentError(
			file,
			lines.linePos(doc.errors[0].pos[0]).line,
			`invalid YAML: ${doc.errors[0].message.split('\n')[0]}`
		);
	const result = v.safeParse(BlockSeedSchema, doc.toJS());
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
	const seed = result.output;
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
