// Golden files: a renderer's output compared with a committed file.
import fs from 'node:fs';
import path from 'node:path';

export const GOLDEN_DIR = 'tests/fixtures/golden';

export class GoldenError extends Error {}

/**
 * The committed golden file `name`, compared with `actual` by the caller. With UPDATE_GOLDEN=1
 * the file is (re)written from `actual` first; without it a missing file is an error, never
 * written: a test that writes its own expectation proves nothing (a deleted or renamed golden
 * file would pass silently).
 */
export function goldenText(
	name: string,
	actual: string,
	options: { dir?: string; update?: boolean } = {}
): string {
	const file = path.join(options.dir ?? GOLDEN_DIR, name);
	const update = options.update ?? process.env.UPDATE_GOLDEN === '1';
	if (update) fs.writeFileSync(file, actual);
	else if (!fs.existsSync(file))
		throw new GoldenError(
			`golden file ${file} is missing: run the test once with UPDATE_GOLDEN=1 to write it, check the file and commit it`
		);
	return fs.readFileSync(file, 'utf8');
}
