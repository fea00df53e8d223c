// The projector's remote in the control document: what the console asks, how the projector reads it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	controlFromYdoc,
	goToStep,
	NO_REMOTE,
	pendingTurns,
	setPagingPaused,
	setProjectorJoin,
	turnProjectorPage
} from '../../src/lib/board';
import { migrate } from '../../src/lib/board/schema';
import { readDocs } from '../fixtures/board-v1/make';
import fs from 'node:fs';

describe('projector remote', () => {
	it('is absent from the snapshot until the console uses it', () => {
		const doc = new Y.Doc();
		expect(controlFromYdoc(doc).projector).toBeUndefined();
		setPagingPaused(doc, false);
		expect(controlFromYdoc(doc).projector).toBeUndefined();
	});

	it('shows the QR code until the next step, and only then forgets it', () => {
		const doc = new Y.Doc();
		goToStep(doc, 2, 5, 1_000);
		setProjectorJoin(doc, true);
		expect(controlFromYdoc(doc).projector).toEqual({ ...NO_REMOTE, joinLarge: true });
		setProjectorJoin(doc, false);
		expect(controlFromYdoc(doc).projector?.joinLarge).toBe(false);
		setPagingPaused(doc, true);
		goToStep(doc, 3, 5, 2_000);
		expect(controlFromYdoc(doc).projector).toEqual({ ...NO_REMOTE, pagingPaused: true });
		setPagingPaused(doc, false);
		expect(controlFromYdoc(doc).projector).toBeUndefined();
	});

	it('counts page turns, and the projector turns by the change since it last looked', () => {
		const doc = new Y.Doc();
		const turns = () => controlFromYdoc(doc).projector?.pageTurns ?? 0;
		turnProjectorPage(doc, 1);
		turnProjectorPage(doc, 1);
		turnProjectorPage(doc, -1);
		turnProjectorPage(doc, 1);
		expect(turns()).toBe(2);
		// A projector that just loaded turns nothing; one that saw 0 turns two pages on.
		expect(pendingTurns(null, turns())).toBe(0);
		expect(pendingTurns(0, turns())).toBe(2);
		expect(pendingTurns(3, turns())).toBe(-1);
	});

	it('reads strange stored values as "not asked"', () => {
		const doc = new Y.Doc();
		doc.getMap('control').set('projectorJoin', 'yes');
		doc.getMap('control').set('pageTurns', 1.5);
		doc.getMap('control').set('pagingPaused', 1);
		expect(controlFromYdoc(doc).projector).toEqual(NO_REMOTE);
	});

	it('leaves a document from before the remote (board-v1) read as it was', () => {
		const fixture = 'tests/fixtures/board-v1';
		const states = JSON.parse(fs.readFileSync(`${fixture}/states.json`, 'utf8'));
		const expected = JSON.parse(fs.readFileSync(`${fixture}/expected.json`, 'utf8'));
		const docs = Object.fromEntries(
			(['control', 'board', 'draft'] as const).map((name) => {
				const doc = new Y.Doc();
				Y.applyUpdate(doc, new Uint8Array(Buffer.from(states[name], 'base64')));
				migrate(doc, name);
				return [name, doc];
			})
		) as { control: Y.Doc; board: Y.Doc; draft: Y.Doc };
		expect(controlFromYdoc(docs.control).projector).toBeUndefined();
		expect(readDocs(docs)).toEqual(expected);
	});
});
