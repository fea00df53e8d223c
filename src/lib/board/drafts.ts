// Silent brainstorming: each participant writes in a private draft document that only they
// and the server receive. On reveal the server moves the step's drafts into the shared board.
import type * as Y from 'yjs';
import { addNote, deleteNote, notesFromYdoc } from './notes';
import { SERVER_ORIGIN, type Origin } from './origins';
import { keyOf, notesRoot, partsOf, waitingRoot } from './roots';

/** Moves the draft notes of revealed steps into the board. Returns how many moved. */
export function moveRevealedDrafts(
	draft: Y.Doc,
	board: Y.Doc,
	revealedSteps: readonly string[],
	origin: Origin = SERVER_ORIGIN
): number {
	const moving = notesFromYdoc(draft).filter((note) => revealedSteps.includes(note.step));
	if (moving.length === 0) return 0;
	board.transact(() => {
		for (const note of moving) {
			if (notesRoot(board).has(note.id)) continue;
			addNote(board, { ...note }, origin);
		}
	}, origin);
	draft.transact(() => {
		for (const note of moving) deleteNote(draft, note.id, origin);
	}, origin);
	return moving.length;
}

/** Notes waiting in one participant's draft, per step. */
export function draftCounts(draft: Y.Doc): Map<string, number> {
	const counts = new Map<string, number>();
	for (const note of notesFromYdoc(draft)) counts.set(note.step, (counts.get(note.step) ?? 0) + 1);
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
