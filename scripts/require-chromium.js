#!/usr/bin/env node
// The browser tests need a Chromium; say in one line how to get one rather than skip.
import { chromiumPath } from './chromium-path.js';

if (!chromiumPath()) {
	console.error(
		'No Chromium found: set CHROMIUM_PATH to a Chromium binary, or install one (Debian/Ubuntu: apt-get install chromium).'
	);
	process.exit(1);
}
