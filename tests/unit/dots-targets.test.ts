// Dots on a card or action that leaves the board: the voter gets them back.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	boardFromYdoc,
	countedDots,
	deleteAction,
	deleteNote,
	dotsLeft,
	placeDot,
	proposeAction,
	setActionHidden,
	setNoteHidden,
	VoteError
} from '../../src/lib/board';
import { testNote } from '../helpers/server';

function boardWithNotes(...ids: string[]): Y.Doc {
	const doc = new Y.Doc();
	for (const id of ids) addNote(doc, { ...testNote(id), step: 's' });
	return doc;
}

const dot = (doc: Y.Doc, target: string, participant = 'p') =>
	placeDot(doc, { step: 's', participant, target, delta: 1, limit: 2 });

describe('dots on targets that leave the board', () => {
	it('gives the dots on a hidden note back, and caps them again when it is shown', () => {
		const doc = boardWithNotes('a', 'b', 'c');
		dot(doc, 'a');
		dot(doc, 'b');
		expect(() => dot(doc, 'c')).toThrow(VoteError);
		setNoteHidden(doc, 'a', true);
		expect(dotsLeft(boardFromYdoc(doc).dots, 's', 'p', 2)).toBe(1);
		dot(doc, 'c');
		setNoteHidden(doc, 'a', false);
		const counted = countedDots(boardFromYdoc(doc).dots, 's', 2);
		expect(counted.reduce((sum, d) => sum + d.count, 0)).toBe(2);
	});

	it('removes the dots on a deleted note, of every voter', () => {
		const doc = boardWithNotes('a', 'b');
		dot(doc, 'a', 'p1');
		dot(doc, 'a', 'p2');
		dot(doc, 'b', 'p1');
		deleteNote(doc, 'a');
		expect(boardFromYdoc(doc).dots.map((d) => d.target)).toEqual(['b']);
	});

	it('does the same for actions', () => {
		const doc = new Y.Doc();
		for (const id of ['x', 'y'])
			proposeAction(doc, { id, step: 's', title: id, author: 'p', created: 1 });
		dot(doc, 'x');
		dot(doc, 'y');
		setActionHidden(doc, 'x', true);
		expect(dotsLeft(boardFromYdoc(doc).dots, 's', 'p', 2)).toBe(1);
		deleteAction(doc, 'y');
		expect(boardFromYdoc(doc).dots).toEqual([]);
	});
});
