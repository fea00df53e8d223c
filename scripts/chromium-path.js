import fs from 'node:fs';

const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/snap/bin/chromium'
];

/** The Chromium to drive: CHROMIUM_PATH, or the usual install places; null when none. */
export function chromiumPath(env = process.env) {
	if (env.CHROMIUM_PATH) return fs.existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
	return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

/** Flags for a headless Chromium here: root, no GPU, and no calls home on a closed network. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage'
];
