#!/usr/bin/env node
// `npm start`: installs what is missing, builds when the sources are newer than the build,
// then serves the app (PORT, HOST, DATA_DIR).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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

function run(command) {
	console.log(`> ${command}`);
	execSync(command, { cwd: root, stdio: 'inherit' });
}

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

function installed() {
	const lock = path.join(root, 'node_modules', '.package-lock.json');
	return (
		fs.existsSync(lock) &&
		fs.statSync(lock).mtimeMs >= newestChange(path.join(root, 'package-lock.json'))
	);
}

if (!installed()) run('npm ci --no-audit --no-fund');
const builtAt = newestChange(built);
if (builtAt === 0 || SOURCES.some((entry) => newestChange(path.join(root, entry)) > builtAt))
	run('npm run build');
await import(built);
