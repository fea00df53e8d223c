// Documents written by the code of commit 40f054c (tests/fixtures/board-v1/make.ts): today's
// code must read them exactly as that code did.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

const DIR = path.resolve('tests/fixtures/board-v1');

function load(name: 'control' | 'board' | 'draft'): Y.Doc {
	const states = JSON.parse(fs.readFileSync(path.join(DIR, 'states.json'), 'utf8'));
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(Buffer.from(states[name], 'base64')));
	return doc;
}

describe('board-v1 fixture', () => {
	it.runIf(process.env.WRITE_BOARD_V1 === '1')('writes the fixture', async () => {
		const { writeFixture } = await import('../fixtures/board-v1/make');
		writeFixture(DIR);
	});

	it('reads as the code that wrote it did', async () => {
		const { readDocs } = await import('../fixtures/board-v1/make');
		const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
		const docs = { control: load('control'), board: load('board'), draft: load('draft') };
		expect(readDocs(docs)).toEqual(expected);
	});
});
