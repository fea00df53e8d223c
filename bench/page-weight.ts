// Scenario 7: JavaScript the participant page (/r/[id]/deelnemer) ships on first load, gzipped:
// SvelteKit's client entries, the root layout, the page's layouts and the page itself, with
// everything they import statically, read from the Vite manifest of the build.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Row } from './lib/rows';

const ROUTE = '/r/[id]/deelnemer';
const CLIENT = '.svelte-kit/output/client';
// What the build is made from (as scripts/start.js decides whether to build).
const SOURCES = [
	'src',
	'static',
	'workshops',
	'messages',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts'
];

function newest(entry: string): number {
	const stat = fs.statSync(entry, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let time = stat.mtimeMs;
	for (const name of fs.readdirSync(entry)) {
		if (name !== 'paraglide') time = Math.max(time, newest(path.join(entry, name)));
	}
	return time;
}

/** Builds when there is no build or a source is newer than it; returns whether it built. */
function ensureBuild(): boolean {
	const manifest = path.join(CLIENT, '.vite/manifest.json');
	const builtAt = Math.min(newest(manifest), newest('build/server.js'));
	if (builtAt > 0 && SOURCES.every((source) => newest(source) <= builtAt)) return false;
	execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
	return true;
}

type Chunk = { file: string; imports?: string[]; isEntry?: boolean };

/** The node numbers of the route's page and layouts, from the generated client app. */
function routeNodes(): number[] {
	const app = fs.readFileSync('.svelte-kit/generated/client-optimized/app.js', 'utf8');
	const escaped = ROUTE.replace(/[[\]/]/g, '\\$&');
	const entry = new RegExp(`"${escaped}":\\s*\\[~?(\\d+)(?:,\\s*\\[([\\d,\\s]*)\\])?`).exec(app);
	if (!entry) throw new Error(`route ${ROUTE} not found in the generated client app`);
	const layouts = (entry[2] ?? '').split(',').filter(Boolean).map(Number);
	return [0, ...layouts, Number(entry[1])];
}

export async function run(): Promise<{ rows: Row[]; details: unknown }> {
	const built = ensureBuild();
	const manifest = JSON.parse(
		fs.readFileSync(path.join(CLIENT, '.vite/manifest.json'), 'utf8')
	) as Record<string, Chunk>;
	const key = (suffix: string) => {
		const found = Object.keys(manifest).find((name) => name.endsWith(suffix));
		if (!found) throw new Error(`${suffix} is not in the Vite manifest`);
		return found;
	};
	const roots = [
		key('runtime/client/entry.js'),
		key('client-optimized/app.js'),
		...routeNodes().map((node) => key(`client-optimized/nodes/${node}.js`))
	];
	const files = new Set<string>();
	const visit = (name: string) => {
		const chunk = manifest[name];
		if (!chunk || files.has(chunk.file)) return;
		files.add(chunk.file);
		for (const imported of chunk.imports ?? []) visit(imported);
	};
	roots.forEach(visit);
	let raw = 0;
	let gzip = 0;
	for (const file of files) {
		const content = fs.readFileSync(path.join(CLIENT, file));
		raw += content.length;
		gzip += zlib.gzipSync(content, { level: 9 }).length;
	}
	const KB = 1024;
	return {
		rows: [
			{
				scenario: '7',
				what: `participant page: JavaScript on first load, gzip (${files.size} files)`,
				value: gzip / KB,
				unit: 'KB',
				target: 120
			},
			{
				scenario: '7',
				what: 'participant page: the same, uncompressed',
				value: raw / KB,
				unit: 'KB',
				target: null
			}
		],
		details: { built, files: [...files] }
	};
}
