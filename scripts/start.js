#!/usr/bin/env node
// `npm start`: installs what is missing, builds when the sources are newer than the build,
// then serves the app (PORT, HOST, DATA_DIR).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureInstalled, root } from './ensure-installed.js';

const built = path.join(root, 'build', 'server.js');
const SOURCES = [
	'src',
	'static',
	'workshops',
	'seeds',
	'messages',
	'project.inlang',
	'package.json',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts',
	'vite.server.config.ts'
];
const GENERATED = new Set(['paraglide']);

function newestChange(entry) {
	const stat = fs.statSync(entry, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const name of fs.readdirSync(entry)) {
		if (!GENERATED.has(name)) newest = Math.max(newest, newestChange(path.join(entry, name)));
	}
	return newest;
}

ensureInstalled();
const builtAt = newestChange(built);
if (builtAt === 0 || SOURCES.some((entry) => newestChange(path.join(root, entry)) > builtAt)) {
	console.log('> npm run build');
	execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
await import(built);
