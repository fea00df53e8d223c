// Reads content from disk; everything else in this folder is pure.
import fs from 'node:fs';
import path from 'node:path';
import { ContentError } from './errors';
import { parseWorkshop } from './parse';
import { termsIn } from './glossary';
import {
	parseBlockSeed,
	parseGlossarySeed,
	parseReferenceSeed,
	type BlockSeed,
	type GlossarySeed,
	type ReferenceSeed
} from './seeds';
import {
	LOCALES,
	type Locale,
	type Localized,
	type SeedItem,
	type Source,
	type Workshop
} from './types';

export function workshopsDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.WORKSHOPS_DIR || 'workshops');
}

/**
 * Every workshop in a folder (files ending in .md, README.md excepted), or all their errors.
 * Listed by `order`, then by file name. `seeds` may be every seed, or only the building blocks.
 */
export function loadWorkshops(
	dir: string = workshopsDir(),
	seeds: Seeds | Map<string, BlockSeed> = loadSeeds()
): { workshops: Workshop[]; errors: ContentError[] } {
	const all: Seeds = seeds instanceof Map ? { blocks: seeds, references: new Map() } : seeds;
	if (!all.references) all.references = new Map();
	const known = seedIndex(all);
	const workshops: Workshop[] = [];
	const errors: ContentError[] = [];
	const files = fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
		.sort();
	for (const name of files) {
		const display = path.join(path.basename(dir), name);
		try {
			const workshop = withSeedItems(
				parseWorkshop(
					display,
					fs.readFileSync(path.join(dir, name), 'utf8'),
					known,
					all.references
				),
				all
			);
			if (workshops.some((w) => w.id === workshop.id))
				throw new ContentError(display, 2, `id "${workshop.id}" is used by another workshop`);
			workshops.push(workshop);
		} catch (error) {
			if (error instanceof ContentError) errors.push(error);
			else throw error;
		}
	}
	const rank = (w: Workshop) => w.order ?? Number.POSITIVE_INFINITY;
	return { workshops: workshops.sort((a, b) => rank(a) - rank(b)), errors };
}

export function seedsDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.SEEDS_DIR || 'seeds');
}

export type Seeds = {
	blocks: Map<string, BlockSeed>;
	references: Map<string, ReferenceSeed>;
	/** The framework's terms (a seed with a `terms:` list), explained where they appear. */
	glossary?: GlossarySeed;
};

/**
 * Every seed in `seeds/*.yaml`: building blocks (a `blocks:` list), the glossary (a `terms:`
 * list) or other reference content. Each is checked against its schema.
 */
export function loadSeeds(dir: string = seedsDir()): Seeds {
	const seeds: Seeds = { blocks: new Map(), references: new Map() };
	for (const name of fs
		.readdirSync(dir)
		.filter((n) => n.endsWith('.yaml'))
		.sort()) {
		const file = path.join(path.basename(dir), name);
		const text = fs.readFileSync(path.join(dir, name), 'utf8');
		if (/^blocks:/m.test(text)) {
			const seed = parseBlockSeed(file, text);
			seeds.blocks.set(seed.id, seed);
		} else if (/^terms:/m.test(text)) {
			if (seeds.glossary) throw new ContentError(file, 1, 'there is a glossary already');
			seeds.glossary = parseGlossarySeed(file, text);
		} else {
			const seed = parseReferenceSeed(file, text);
			seeds.references.set(seed.id, seed);
		}
	}
	return seeds;
}

/** The building-block seeds, by id. */
export function loadBlockSeeds(dir: string = seedsDir()): Map<string, BlockSeed> {
	return loadSeeds(dir).blocks;
}

/** For every seed, the ids of its items: what `only` may name. */
export function seedIndex(seeds: Seeds): Map<string, string[]> {
	const index = new Map<string, string[]>();
	for (const seed of seeds.blocks.values())
		index.set(
			seed.id,
			seed.blocks.map((b) => b.id)
		);
	for (const seed of seeds.references.values())
		index.set(
			seed.id,
			seed.items.map((i) => i.id)
		);
	return index;
}

/** A seed's items in the shape steps use: building blocks and reference items alike. */
export function itemsOf(seeds: Seeds, id: string): SeedItem[] | undefined {
	const blocks = seeds.blocks.get(id);
	if (blocks)
		return blocks.blocks.map((b) => ({
			id: b.id,
			group: b.group,
			title: b.name,
			text: b.meaning,
			question: b.question
		}));
	return seeds.references.get(id)?.items.map((item) => ({
		id: item.id,
		title: item.title,
		...(item.text ? { text: item.text } : {}),
		...(item.tracks ? { tracks: item.tracks } : {})
	}));
}

/** The sources of a seed, with their ids, or none. */
function seedSources(seeds: Seeds, id: string): Source[] {
	return seeds.blocks.get(id)?.sources ?? seeds.references.get(id)?.sources ?? [];
}

/**
 * Fills in the items of the seed a step names (`blocks` or `tags`, narrowed by `only`), and adds
 * their names, and their tracks' names, to the workshop's labels for the report. Adds the
 * sources of every seed a step uses to the workshop's sources (once), and the glossary terms
 * that appear in participant texts.
 */
function withSeedItems(workshop: Workshop, seeds: Seeds): Workshop {
	const labels = { ...workshop.labels };
	const sources: Source[] = [...(workshop.sources ?? [])];
	const addSources = (id: string | undefined) => {
		if (!id) return;
		for (const source of seedSources(seeds, id))
			if (!sources.some((s) => s.id === source.id || s.title === source.title))
				sources.push(source);
	};
	const steps = workshop.steps.map((step) => {
		const seed = step.options?.blocks ?? step.options?.tags;
		addSources(seed);
		const all = seed ? itemsOf(seeds, seed) : undefined;
		if (!all) return step;
		const only = step.options?.only;
		const items = only ? only.flatMap((id) => all.filter((item) => item.id === id)) : all;
		for (const item of items) {
			labels[item.id] = item.title;
			for (const track of item.tracks ?? [])
				labels[track.id] = Object.fromEntries(
					LOCALES.map((l) => [l, `${item.title[l]} – ${track.title[l]}`])
				) as Localized;
		}
		return { ...step, options: { ...step.options, seedItems: items } };
	});
	const glossary = seeds.glossary
		? termsIn(participantTexts(steps), seeds.glossary.terms, workshop.locales as Locale[])
		: [];
	return {
		...workshop,
		steps,
		labels,
		...(sources.length ? { sources } : {}),
		...(glossary.length ? { glossary } : {})
	};
}

/** Every text a participant reads on the phone: titles, prompts, columns, items, statements. */
function participantTexts(steps: Workshop['steps']): string[] {
	const texts: string[] = [];
	const add = (value?: Record<string, string>) => value && texts.push(...Object.values(value));
	for (const step of steps) {
		add(step.title);
		add(step.prompt);
		const o = step.options ?? {};
		for (const choice of [...(o.columns ?? []), ...(o.items ?? []), ...(o.statements ?? [])])
			add(choice.title);
		for (const statement of o.statements ?? []) add(statement.text);
		for (const item of o.seedItems ?? []) {
			add(item.title);
			add(item.text);
			add(item.question);
			for (const track of item.tracks ?? []) {
				add(track.title);
				add(track.text);
			}
		}
	}
	return texts;
}
