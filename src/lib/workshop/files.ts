// Reads content from disk; everything else in this folder is pure.
import fs from 'node:fs';
import path from 'node:path';
import { ContentError } from './errors';
import { parseWorkshop } from './parse';
import { parseBlockSeed, parseReferenceSeed, type BlockSeed, type ReferenceSeed } from './seeds';
import type { Workshop } from './types';

export function workshopsDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.WORKSHOPS_DIR || 'workshops');
}

/** Every workshop in a folder (files ending in .md, README.md excepted), or all their errors. */
export function loadWorkshops(
	dir: string = workshopsDir(),
	seeds: Map<string, BlockSeed> = loadBlockSeeds(),
	references: ReadonlyMap<string, ReferenceSeed> = loadSeeds().references
): { workshops: Workshop[]; errors: ContentError[] } {
	const workshops: Workshop[] = [];
	const errors: ContentError[] = [];
	const files = fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
		.sort();
	for (const name of files) {
		const display = path.join(path.basename(dir), name);
		try {
			const workshop = withBlockLabels(
				parseWorkshop(
					display,
					fs.readFileSync(path.join(dir, name), 'utf8'),
					[...seeds.keys()],
					references
				),
				seeds
			);
			if (workshops.some((w) => w.id === workshop.id))
				throw new ContentError(display, 2, `id "${workshop.id}" is used by another workshop`);
			workshops.push(workshop);
		} catch (error) {
			if (error instanceof ContentError) errors.push(error);
			else throw error;
		}
	}
	// The first workshop is the home page's default: files are read by name, `order` comes first.
	workshops.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
	return { workshops, errors };
}

export function seedsDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.SEEDS_DIR || 'seeds');
}

export type Seeds = { blocks: Map<string, BlockSeed>; references: Map<string, ReferenceSeed> };

/** Every seed in `seeds/*.yaml`: building blocks (a `blocks:` list) or other reference content. */
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

/** Adds the names of the building blocks a workshop uses to its labels. */
function withBlockLabels(workshop: Workshop, seeds: Map<string, BlockSeed>): Workshop {
	const labels = { ...workshop.labels };
	for (const step of workshop.steps) {
		const seed = step.options?.blocks ? seeds.get(step.options.blocks) : undefined;
		for (const block of seed?.blocks ?? []) labels[block.id] = block.name;
	}
	return { ...workshop, labels };
}
