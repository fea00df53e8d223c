// Silent brainstorming: each participant writes in a private draft document that only they
// and the server receive. On reveal the server moves the step's drafts into the shared board.
//
// A draft is written by its owner's client, so the server trusts nothing in it: a note moves only
// when it has the shape the board's own operations would give it; anything else is removed.
import type * as Y from 'yjs';
import { addNote, MAX_NOTE_LENGTH, notesFromYdoc, NoteError, type Note } from './notes';
import { SERVER_ORIGIN, type Origin } from './origins';
import { isSafeId, keyOf, notesRoot, partsOf, waitingRoot } from './roots';

/** Why a draft note cannot move to the board, or null when it can. */
export function draftNoteProblem(note: Note): string | null {
	if (!isSafeId(note.id)) return 'bad id';
	if (!isSafeId(note.step)) return 'bad step';
	if (note.column !== '' && !isSafeId(note.column)) return 'bad column';
	const text = note.text.trim();
	if (text.length === 0) return 'empty text';
	if (text.length > MAX_NOTE_LENGTH) return 'text too long';
	if (!Number.isFinite(note.created)) return 'bad time';
	return null;
}

export type DraftCheck = {
	/** Notes that may move to the board when their step is revealed. */
	valid: Note[];
	/** Keys of entries that can never move: removed from the draft. */
	invalid: string[];
};

/** Sorts a draft's notes into those that can move and the rest. Never throws. */
export function checkDraft(draft: Y.Doc): DraftCheck {
	const valid = notesFromYdoc(draft).filter((note) => draftNoteProblem(note) === null);
	const validIds = new Set(valid.map((note) => note.id));
	const invalid: string[] = [];
	notesRoot(draft).forEach((_entry, key) => {
		if (!validIds.has(key)) invalid.push(key);
	});
	return { valid, invalid };
}

export type DraftMove = { moved: number; removed: number };

/**
 * Moves the valid draft notes of revealed steps into the board, under the draft owner's id
 * (whatever author the draft claims), and removes them and every invalid entry from the draft.
 */
export function moveRevealedDrafts(
	draft: Y.Doc,
	board: Y.Doc,
	revealedSteps: readonly string[],
	participant: string,
	origin: Origin = SERVER_ORIGIN
): DraftMove {
	const { valid, invalid } = checkDraft(draft);
	const moving = valid.filter((note) => revealedSteps.includes(note.step));
	const remove = [...invalid];
	if (moving.length > 0) {
		board.transact(() => {
			for (const note of moving) {
				remove.push(note.id);
				if (notesRoot(board).has(note.id)) continue;
				try {
					addNote(
						board,
						{
							id: note.id,
							text: note.text,
							step: note.step,
							column: note.column,
							author: participant,
							authorName: note.authorName,
							created: note.created
						},
						origin
					);
				} catch (error) {
					if (!(error instanceof NoteError)) throw error;
				}
			}
		}, origin);
	}
	if (remove.length > 0) {
		draft.transact(() => {
			for (const id of remove) notesRoot(draft).delete(id);
		}, origin);
	}
	return { moved: moving.length, removed: invalid.length };
}

/** Valid notes waiting in one participant's draft, per step. */
export function draftCounts(draft: Y.Doc): Map<string, number> {
	const counts = new Map<string, number>();
	for (const note of checkDraft(draft).valid)
		counts.set(note.step, (counts.get(note.step) ?? 0) + 1);
	return counts;
}

/** Records, in the control document, how many notes one participant has waiting per step. */
export function recordWaiting(
	control: Y.Doc,
	participant: string,
	counts: ReadonlyMap<string, number>,
	origin: Origin = SERVER_ORIGIN
): void {
	const waiting = waitingRoot(control);
	const changes: [string, number][] = [];
	waiting.forEach((value, key) => {
		const [step, who] = partsOf(key);
		if (who === participant && !counts.has(step!)) changes.push([key, 0]);
	});
	for (const [step, count] of counts) {
		if (!isSafeId(step) || !isSafeId(participant)) continue;
		const key = keyOf(step, participant);
		if (waiting.get(key) !== count) changes.push([key, count]);
	}
	if (changes.length === 0) return;
	control.transact(() => {
		for (const [key, count] of changes) {
			if (count === 0) waiting.delete(key);
			else waiting.set(key, count);
		}
	}, origin);
}

/** Notes waiting per step, summed over participants: what the projector shows before a reveal. */
export function waitingFromYdoc(control: Y.Doc): Record<string, number> {
	const totals: Record<string, number> = {};
	waitingRoot(control).forEach((value, key) => {
		const [step] = partsOf(key);
		if (step && typeof value === 'number' && value > 0) totals[step] = (totals[step] ?? 0) + value;
	});
	return totals;
}
