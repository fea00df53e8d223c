import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GoldenError, goldenText } from '../helpers/golden';

describe('golden files', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-golden-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('fail on a missing golden file and write none', () => {
		expect(() => goldenText('missing.md', 'anything', { dir, update: false })).toThrow(GoldenError);
		expect(() => goldenText('missing.md', 'anything', { dir, update: false })).toThrow(
			/UPDATE_GOLDEN=1/
		);
		expect(fs.existsSync(path.join(dir, 'missing.md'))).toBe(false);
	});

	it('return the committed text, whatever the actual text is', () => {
		fs.writeFileSync(path.join(dir, 'kept.md'), 'committed');
		expect(goldenText('kept.md', 'different', { dir, update: false })).toBe('committed');
		expect(fs.readFileSync(path.join(dir, 'kept.md'), 'utf8')).toBe('committed');
	});

	it('write the file only when asked to update', () => {
		expect(goldenText('new.md', 'fresh', { dir, update: true })).toBe('fresh');
		expect(fs.readFileSync(path.join(dir, 'new.md'), 'utf8')).toBe('fresh');
	});
});
