#!/usr/bin/env node
// Installs the npm packages when node_modules is missing or older than package-lock.json.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function mtime(file) {
	return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

export function ensureInstalled() {
	const installedAt = mtime(path.join(root, 'node_modules', '.package-lock.json'));
	if (installedAt > 0 && installedAt >= mtime(path.join(root, 'package-lock.json'))) return;
	// `npm install`, not `npm ci`: see .ci/run for why.
	console.log('> npm install');
	execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureInstalled();
