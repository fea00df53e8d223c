import * as Y from 'yjs';
import { removeDotsOn } from './dots';
import { notesRoot } from './roots';
import { USER_ORIGIN, type Origin } from './origins';

export const MAX_NOTE_LENGTH = 500;
export const MAX_NAME_LENGTH = 60;

export type Note = {
	id: string;
	text: string;
	step: string;
	/** The prompt column of the step ('' for a step with one column). */
	column: string;
	author: string;
	authorName: string;
	created: number;
	hidden: boolean;
	/** The cluster the facilitator put the note in, or ''. */
	cluster: string;
	/** The note this one was merged into as a duplicate, or ''. */
	mergedInto: string;
	/** Written on paper in the room and typed in by the facilitator ("op papier"); absent if not. */
	paper?: true;
};

export type NewNote = Omit<Note, 'hidden' | 'cluster' | 'mergedInto' | 'column' | 'paper'> & {
	column?: string;
	paper?: boolean;
};

/** The author of a note the facilitator typed in from paper: no participant of the room. */
export const PAPER_AUTHOR = 'paper';

export class NoteError extends Error {}

function cleanText(text: string): string {
	const trimmed = text.trim();
	if (trimmed.length === 0) throw new NoteError('a note cannot be empty');
	if (trimmed.length > MAX_NOTE_LENGTH) {
		throw new NoteError(`a note holds at most ${MAX_NOTE_LENGTH} characters`);
	}
	return trimmed;
}

export function addNote(doc: Y.Doc, note: NewNote, origin: Origin = USER_ORIGIN): void {
	const text = cleanText(note.text);
	if (!note.id) throw new NoteError('a note needs an id');
	doc.transact(() => {
		const notes = notesRoot(doc);
		if (notes.has(note.id)) throw new NoteError(`note ${note.id} exists already`);
		// Fields at their default (no column, no name, not hidden) are left out: every field is a
		// Yjs item that each later load of the room integrates again.
		const entry = new Y.Map<unknown>();
		entry.set('text', text);
		entry.set('step', note.step);
		if (note.column) entry.set('column', note.column);
		entry.set('author', note.author);
		const name = note.authorName.trim().slice(0, MAX_NAME_LENGTH);
		if (name) entry.set('authorName', name);
		entry.set('created', note.created);
		if (note.paper) entry.set('paper', true);
		notes.set(note.id, entry);
	}, origin);
}

export function noteEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
	const entry = notesRoot(doc).get(id);
	if (!(entry instanceof Y.Map)) throw new NoteError(`no note ${id}`);
	return entry;
}

export function editNote(doc: Y.Doc, id: string, text: string, origin: Origin = USER_ORIGIN): void {
	const clean = cleanText(text);
	doc.transact(() => noteEntry(doc, id).set('text', clean), origin);
}

export function deleteNote(doc: Y.Doc, id: string, origin: Origin = USER_ORIGIN): void {
	doc.transact(() => {
		noteEntry(doc, id);
		notesRoot(doc).delete(id);
		removeDotsOn(doc, id);
	}, origin);
}

/** Moderation: hidden notes stay in the document (recoverable) but leave every view. */
export function setNoteHidden(
	doc: Y.Doc,
	id: string,
	hidden: boolean,
	origin: Origin = USER_ORIGIN
): void {
	doc.transact(() => noteEntry(doc, id).set('hidden', hidden), origin);
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function readNote(id: string, entry: Y.Map<unknown>): Note | null {
	const text = str(entry.get('text'));
	const created = entry.get('created');
	if (!text || typeof created !== 'number') return null;
	return {
		id,
		text,
		step: str(entry.get('step')),
		author: str(entry.get('author')),
		authorName: str(entry.get('authorName')),
		created,
		hidden: entry.get('hidden') === true,
		column: str(entry.get('column')),
		cluster: str(entry.get('cluster')),
		mergedInto: str(entry.get('mergedInto')),
		...(entry.get('paper') === true ? { paper: true as const } : {})
	};
}

export function notesFromYdoc(doc: Y.Doc): Note[] {
	const notes: Note[] = [];
	notesRoot(doc).forEach((entry, id) => {
		const note = entry instanceof Y.Map ? readNote(id, entry) : null;
		if (note) notes.push(note);
	});
	return notes.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
}
