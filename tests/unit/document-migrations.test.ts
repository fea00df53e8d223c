// The document schema: ordered migrations, each tested on a fixture of the shape before it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, metaRoot, notesFromYdoc } from '../../src/lib/board';
import { MIGRATIONS } from '../../src/lib/board/migrations';
import {
	clientOrigin,
	connectionOf,
	isOrigin,
	LOAD_ORIGIN,
	USER_ORIGIN
} from '../../src/lib/board/origins';
import {
	DocumentTooNewError,
	migrate,
	SCHEMA_VERSION,
	schemaVersionOf,
	versionAction,
	versionedKindOf
} from '../../src/lib/board/schema';
import { readDocs } from '../fixtures/board-v1/make';

const V1 = path.resolve('tests/fixtures/board-v1');
const states = JSON.parse(fs.readFileSync(path.join(V1, 'states.json'), 'utf8'));
const expected = JSON.parse(fs.readFileSync(path.join(V1, 'expected.json'), 'utf8'));

function v1(name: 'control' | 'board' | 'draft'): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(Buffer.from(states[name], 'base64')));
	return doc;
}

describe('document migrations', () => {
	it('are numbered 1, 2, … in order, and the last is the code’s version', () => {
		expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
		expect(SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version);
	});

	it('raise the board-v1 documents (written before drafts had a version) and read them as that code did', () => {
		const docs = { control: v1('control'), board: v1('board'), draft: v1('draft') };
		expect(schemaVersionOf(docs.board)).toBe(1);
		expect(schemaVersionOf(docs.draft)).toBe(0);
		expect(migrate(docs.control, 'control')).toEqual([2, 3]);
		expect(migrate(docs.board, 'board')).toEqual([2, 3]);
		expect(migrate(docs.draft, 'draft')).toEqual([1, 2, 3]);
		for (const doc of Object.values(docs)) expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION);
		expect(readDocs(docs)).toEqual(expected);
		// Once is enough: a second run changes nothing.
		expect(migrate(docs.draft, 'draft')).toEqual([]);
	});

	it('stamp a new, empty document with the current version at once', () => {
		const doc = new Y.Doc();
		expect(migrate(doc, 'draft')).toEqual([SCHEMA_VERSION]);
	});

	it('refuse a document written by a newer program, and leave it as it is', () => {
		const doc = v1('board');
		metaRoot(doc).set('schemaVersion', SCHEMA_VERSION + 1);
		const before = Y.encodeStateAsUpdate(doc);
		expect(() => migrate(doc, 'board')).toThrow(DocumentTooNewError);
		expect(() => migrate(doc, 'board')).toThrow(/newer than this program knows/);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});

	it('run each step once, with a migration origin, on the kinds it names', () => {
		const doc = new Y.Doc();
		addNote(doc, { id: 'n1', text: 'a', step: 's', author: 'p', authorName: '', created: 1 });
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		const touched: string[] = [];
		const steps = [
			{ version: 1, why: 'one', up: { board: () => touched.push('board 1') } },
			{ version: 2, why: 'two', up: { draft: () => touched.push('draft 2') } }
		];
		expect(migrate(doc, 'board', steps)).toEqual([1, 2]);
		expect(touched).toEqual(['board 1']);
		expect(origins).toEqual([
			{ kind: 'migration', version: 1 },
			{ kind: 'migration', version: 2 }
		]);
		expect(notesFromYdoc(doc)).toHaveLength(1);
	});

	it('know which stored documents carry a version', () => {
		expect(versionedKindOf('board')).toBe('board');
		expect(versionedKindOf('control')).toBe('control');
		expect(versionedKindOf('draft-abc')).toBe('draft');
		expect(versionedKindOf('tally')).toBeNull();
	});
});

describe('the browser’s version check', () => {
	it('writes when the server’s document is as old as its code, or older', () => {
		expect(versionAction(2, 2, null)).toBe('write');
		expect(versionAction(1, 2, null)).toBe('write');
	});

	it('reloads once when the server’s document is newer, then writes nothing', () => {
		expect(versionAction(3, 2, null)).toBe('reload');
		expect(versionAction(3, 2, 2)).toBe('reload');
		expect(versionAction(3, 2, 3)).toBe('stop');
		expect(versionAction(4, 2, 3)).toBe('reload');
	});
});

describe('transaction origins', () => {
	it('are one typed union; a client’s origin carries its connection', () => {
		const connection = {};
		expect(connectionOf(clientOrigin(connection))).toBe(connection);
		expect(connectionOf(USER_ORIGIN)).toBeNull();
		expect(connectionOf(connection)).toBeNull();
		expect(isOrigin(LOAD_ORIGIN)).toBe(true);
		expect(isOrigin('remote')).toBe(false);
	});
});
