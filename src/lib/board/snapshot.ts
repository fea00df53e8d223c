import type * as Y from 'yjs';
import { controlFromYdoc, type ControlSnapshot } from './control';
import { notesFromYdoc, type Note } from './notes';

export type BoardSnapshot = { notes: Note[] };

export function boardFromYdoc(doc: Y.Doc): BoardSnapshot {
	return { notes: notesFromYdoc(doc) };
}

export type RoomSnapshot = { control: ControlSnapshot; board: BoardSnapshot };

/** Leaves Yjs: a plain, serialisable picture of the room for views and reports. */
export function fromYdoc(control: Y.Doc, board: Y.Doc): RoomSnapshot {
	return { control: controlFromYdoc(control), board: boardFromYdoc(board) };
}

/** What a participant or the projector may see: hidden notes never leave the facilitator. */
export function visibleNotes(notes: readonly Note[], step?: string): Note[] {
	return notes.filter((note) => !note.hidden && (step === undefined || note.step === step));
}
