// Scenario 7: JavaScript the participant page (/r/[id]/deelnemer) ships on first load, gzipped:
// SvelteKit's client entries, the root layout, the page's layouts and the page itself, with
// everything they import statically, read from the Vite manifest of the build. Then what the
// service worker stores at install, and the time from a QR scan to a usable page on a slow phone
// network (400 kbps, 400 ms round trip), measured in Chromium against the production build.
import { execSync, spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium-path.js';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Row } from './lib/rows';

const ROUTE = '/r/[id]/deelnemer';
const JOIN_ROUTE = '/join/[code]';
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

type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean };

/** The node numbers of a route's page and layouts, from the generated client app. */
function routeNodes(route: string): number[] {
	const app = fs.readFileSync('.svelte-kit/generated/client-optimized/app.js', 'utf8');
	const escaped = route.replace(/[[\]/]/g, '\\$&');
	const entry = new RegExp(`"${escaped}":\\s*\\[~?(\\d+)(?:,\\s*\\[([\\d,\\s]*)\\])?`).exec(app);
	if (!entry) throw new Error(`route ${route} not found in the generated client app`);
	const layouts = (entry[2] ?? '').split(',').filter(Boolean).map(Number);
	return [0, ...layouts, Number(entry[1])];
}

type Weight = { files: Set<string>; raw: number; gzip: number };

/** The script files a first load of each route fetches (SvelteKit's entries, the route's
 * layouts and page, everything they import statically), and their size together. */
function scriptsOf(manifest: Record<string, Chunk>, routes: string[]): Weight {
	return weigh(manifest, routeRoots(manifest, routes));
}

/** The manifest keys a first load of the routes starts from. */
function routeRoots(manifest: Record<string, Chunk>, routes: string[]): string[] {
	const key = (suffix: string) => {
		const found = Object.keys(manifest).find((name) => name.endsWith(suffix));
		if (!found) throw new Error(`${suffix} is not in the Vite manifest`);
		return found;
	};
	return [
		key('runtime/client/entry.js'),
		key('client-optimized/app.js'),
		...routes.flatMap((route) =>
			routeNodes(route).map((node) => key(`client-optimized/nodes/${node}.js`))
		)
	];
}

/**
 * The participant page's step views (each kind's participant.ts, imported when its step first
 * comes up, the others in the background), imported by the page's own node: what they add to
 * the page's scripts.
 */
function stepViewScripts(manifest: Record<string, Chunk>): Weight {
	const roots = routeRoots(manifest, [ROUTE]);
	const page = weigh(manifest, roots).files;
	const views = manifest[roots.at(-1)!]?.dynamicImports ?? [];
	return weigh(manifest, views, page);
}

/** The files of the chunks `roots` and everything they import statically (but those in `skip`). */
function weigh(
	manifest: Record<string, Chunk>,
	roots: string[],
	skip: Set<string> = new Set()
): Weight {
	const files = new Set<string>();
	const visit = (name: string) => {
		const chunk = manifest[name];
		if (!chunk || files.has(chunk.file) || skip.has(chunk.file)) return;
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
	return { files, raw, gzip };
}

export async function run(): Promise<{ rows: Row[]; details: unknown }> {
	const built = ensureBuild();
	const manifest = JSON.parse(
		fs.readFileSync(path.join(CLIENT, '.vite/manifest.json'), 'utf8')
	) as Record<string, Chunk>;
	const participant = scriptsOf(manifest, [ROUTE]);
	const join = scriptsOf(manifest, [JOIN_ROUTE]);
	const both = scriptsOf(manifest, [JOIN_ROUTE, ROUTE]);
	const views = stepViewScripts(manifest);
	const KB = 1024;
	const staticBytes = fs
		.readdirSync('static', { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.reduce((sum, entry) => sum + fs.statSync(path.join(entry.parentPath, entry.name)).size, 0);
	const slow = await slowNetworkJoin();
	return {
		rows: [
			{
				scenario: '7',
				what: 'service worker: downloaded at install (static files only; the rest as pages use it)',
				value: staticBytes / KB,
				unit: 'KB',
				target: 10
			},
			{
				scenario: '7',
				what: 'QR scan to a join page that works (name field and button; the form posts before the script runs), 400 kbps / 400 ms',
				value: slow.joinPageMs / 1000,
				unit: 's',
				target: 3
			},
			{
				scenario: '7',
				what: "QR scan to the join page's script running (hydrated), 400 kbps / 400 ms",
				value: slow.startedMs / 1000,
				unit: 's',
				target: null
			},
			{
				scenario: '7',
				what: 'join to the first step on the phone, 400 kbps / 400 ms',
				value: slow.stepMs / 1000,
				unit: 's',
				target: null
			},
			{
				scenario: '7',
				what: `join page (what the QR code opens): JavaScript, gzip (${join.files.size} files)`,
				value: join.gzip / KB,
				unit: 'KB',
				target: null
			},
			{
				scenario: '7',
				what: `participant page: JavaScript on first load, gzip (${participant.files.size} files)`,
				value: participant.gzip / KB,
				unit: 'KB',
				target: 60
			},
			{
				scenario: '7',
				what: 'participant page: the same, uncompressed',
				value: participant.raw / KB,
				unit: 'KB',
				target: null
			},
			{
				scenario: '7',
				what: `participant step views, every kind together, gzip (${views.files.size} files; each when its step comes up, the others in the background)`,
				value: views.gzip / KB,
				unit: 'KB',
				target: null
			},
			{
				scenario: '7',
				what: `participant path, join page and participant page: JavaScript, gzip (${both.files.size} files)`,
				value: both.gzip / KB,
				unit: 'KB',
				target: null
			}
		],
		details: { built, participant: [...participant.files], join: [...join.files] }
	};
}

/** A free port on 127.0.0.1. */
async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/**
 * The production build on a free port, a room, and a phone-sized Chromium on a throttled
 * network (Chrome DevTools' emulation: 400 kbps both ways, 400 ms latency, a cold cache):
 * how long from opening the QR link until the name field can be typed in, and from the join
 * button until the first step's title is there.
 */
async function slowNetworkJoin(): Promise<{
	joinPageMs: number;
	startedMs: number;
	stepMs: number;
}> {
	const executablePath = chromiumPath();
	if (!executablePath) return { joinPageMs: NaN, startedMs: NaN, stepMs: NaN };
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-bench-weight-'));
	const server = spawn(process.execPath, ['build/server.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: 'ignore'
	});
	const base = `http://127.0.0.1:${port}`;
	const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
	try {
		for (let i = 0; i < 100; i++) {
			const ok = await fetch(`${base}/healthz`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const room = (await (
			await fetch(`${base}/api/rooms`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ workshop: 'visievorming-zorgzame-buurten', title: 'Bench' })
			})
		).json()) as { joinCode: string };
		const context = await browser.newContext({
			viewport: { width: 390, height: 844 },
			isMobile: true,
			hasTouch: true
		});
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 400,
			downloadThroughput: (400 * 1000) / 8,
			uploadThroughput: (400 * 1000) / 8
		});
		const started = performance.now();
		await page.goto(`${base}/join/${room.joinCode}`, { waitUntil: 'commit' });
		// Usable: the name field and the button are there, and they work before the page's script
		// has run (the form posts to the server; tests/e2e/join-slow.spec.ts).
		// On screen: painted (its stylesheet loaded), not only in the document.
		await page.waitForFunction(
			() =>
				performance.getEntriesByName('first-contentful-paint').length > 0 &&
				document.querySelector('[data-testid="join-submit"]'),
			null,
			{ timeout: 60_000, polling: 20 }
		);
		const joinPageMs = performance.now() - started;
		// Started: the script has run (hydrated), the code of the room page loads in the background.
		await page.locator('main[data-started="true"]').waitFor({ timeout: 60_000 });
		const startedMs = performance.now() - started;
		await page.locator('[data-testid="join-name"]').fill('Marie-Josée');
		const joinAt = performance.now();
		await page.locator('[data-testid="join-submit"]').click();
		await page.locator('[data-testid="step-title"]').waitFor({ timeout: 60_000 });
		const stepMs = performance.now() - joinAt;
		await context.close();
		return { joinPageMs, startedMs, stepMs };
	} finally {
		await browser.close();
		server.kill();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}
