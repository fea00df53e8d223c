// "Ongedaan maken" takes back only this person's own last change, and only in the step the
// session is on: in step 2 a second press once deleted the participant's card from step 1.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	beginSession,
	goToStep,
	notesFromYdoc,
	serverOrigin,
	StepUndo
} from '../../src/lib/board';

const note = (id: string, step: string) => ({
	id,
	text: `kaartje ${id}`,
	step,
	column: '',
	author: 'p1',
	authorName: '',
	created: 1
});

function room() {
	const board = new Y.Doc();
	const control = new Y.Doc();
	beginSession(control, 0);
	const undo = new StepUndo(board, control);
	return { board, control, undo, texts: () => notesFromYdoc(board).map((n) => n.id) };
}

describe('step undo', () => {
	it('never reaches back into an earlier step', () => {
		const { board, control, undo, texts } = room();
		addNote(board, note('a', 'kennismaking'));
		expect(undo.canUndo).toBe(true);
		goToStep(control, 1, 5, 1000);
		expect(undo.canUndo).toBe(false);
		addNote(board, note('b', 'verwachtingen'));
		expect(undo.undo()).toBe(true);
		expect(undo.undo()).toBe(false);
		expect(texts()).toEqual(['a']);
	});

	it('takes back one change at a time, only this person’s own', () => {
		const { board, undo, texts } = room();
		addNote(board, note('a', 'kennismaking'));
		addNote(board, note('b', 'kennismaking'));
		// Someone else's note (arriving from the server) is not this person's to undo.
		addNote(board, note('c', 'kennismaking'), serverOrigin('rules'));
		undo.undo();
		expect(texts().sort()).toEqual(['a', 'c']);
		undo.undo();
		expect(texts()).toEqual(['c']);
		expect(undo.canUndo).toBe(false);
	});

	it('tells its listeners when there is something to undo, and forgets on a step change', () => {
		const { board, control, undo } = room();
		const seen: boolean[] = [];
		undo.onChange((can) => seen.push(can));
		addNote(board, note('a', 'kennismaking'));
		goToStep(control, 2, 5, 1000);
		expect(seen).toEqual([true, false]);
		undo.destroy();
	});
});
