// The server's authority over a room's documents: a client's update is applied inside one
// transaction, every key it changed is judged, and whatever its author may not change is put
// back in that same transaction. Other clients receive only the result, and the stored log never
// holds the refused content (Yjs garbage-collects deleted content before it encodes the update).
import * as Y from 'yjs';
import {
	actionsRoot,
	ballotsRoot,
	checkProposalsRoot,
	checklistRoot,
	clustersRoot,
	dotsRoot,
	metaRoot,
	paperCountsRoot
} from '../roots';
import { notesRoot, ratingsRoot } from '../roots';
import { changesOf, revertKey, revertShape, type Change } from './changes';
import { participantVerdict, type ParticipantCheck } from './participant';
import { shapeVerdict, type Actor, type DocKind, type DocReader, type RoomContext } from './rules';

export type { Actor, DocKind, RoomContext } from './rules';

export type Refusal = { root: string; key: string; reason: string };

export { MESSAGE_REFUSED } from './protocol';

export type GuardResult = {
	refusals: Refusal[];
	/** The update needed structs or deletions the document does not have: all of it was undone. */
	incomplete: boolean;
};

/** Who writes into which document; `context` is read only when a participant's change needs it. */
export type Judge = { kind: DocKind; actor: Actor; context: () => RoomContext } | null;

const BOARD_ROOTS = [
	notesRoot,
	clustersRoot,
	actionsRoot,
	dotsRoot,
	ratingsRoot,
	checklistRoot,
	checkProposalsRoot,
	ballotsRoot,
	metaRoot,
	paperCountsRoot
];

/**
 * Makes sure the known roots exist as maps before an update arrives: a root that an update
 * creates first would otherwise be a plain type, replaced (and lost to the guard) later.
 */
export function prepareRoots(doc: Y.Doc, kind: DocKind): void {
	const roots = kind === 'board' ? BOARD_ROOTS : [notesRoot, ballotsRoot];
	for (const root of roots) root(doc);
}

function readerOf(doc: Y.Doc): DocReader {
	return {
		entry(root, key) {
			const value = doc.getMap<unknown>(root).get(key);
			return value instanceof Y.Map ? (value.toJSON() as Record<string, unknown>) : null;
		},
		values: (root) => doc.getMap<unknown>(root).entries()
	};
}

/** Whether an update left structs or deletions waiting for something the document lacks. */
export function hasPending(doc: Y.Doc): boolean {
	return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Forgets structs and deletions that wait for something that never came. */
export function dropPending(doc: Y.Doc): void {
	doc.store.pendingStructs = null;
	doc.store.pendingDs = null;
}

function judgeChanges(tr: Y.Transaction, changes: Change[], judge: NonNullable<Judge>): Refusal[] {
	const refusals: Refusal[] = [];
	const refused = new Set<Change>();
	const refuse = (change: Change, reason: string) => {
		refused.add(change);
		refusals.push({ root: change.root, key: change.field ?? change.entry, reason });
	};
	const valid = changes.filter((change) => {
		const reason = shapeVerdict(change, judge.kind);
		if (reason) refuse(change, reason);
		return !reason;
	});
	if (judge.actor.role === 'participant' && valid.length > 0) {
		const deleted = new Set<string>();
		const check: ParticipantCheck = {
			participant: judge.actor.id,
			name: judge.actor.name,
			context: judge.context(),
			doc: readerOf(tr.doc),
			deleted
		};
		// Notes and actions first: dots on an entry deleted by its author go with it.
		const entriesFirst = [...valid].sort((a, b) => Number(isEntry(b)) - Number(isEntry(a)));
		for (const change of entriesFirst) {
			const reason = participantVerdict(change, check, judge.kind);
			if (reason) refuse(change, reason);
			else if (isEntry(change) && change.field === null && !change.after.exists)
				deleted.add(change.entry);
		}
	}
	for (const change of refused) revertKey(tr, change);
	return refusals;
}

const isEntry = (change: Change) => change.root === 'notes' || change.root === 'actions';

/**
 * Applies a client's update to `doc` as one transaction with `origin`, undoing every change its
 * author may not make. Without a judge (the control document, written by the facilitator only)
 * only an incomplete update is undone. `result` is filled before the transaction ends, so that
 * update listeners can read it.
 */
export function applyGuardedUpdate(
	doc: Y.Doc,
	update: Uint8Array,
	origin: unknown,
	judge: Judge,
	result: GuardResult = { refusals: [], incomplete: false }
): GuardResult {
	doc.transact((tr) => {
		Y.applyUpdate(doc, update, origin);
		// Yjs marks a transaction that applies an update as remote; the corrections below are this
		// document's own, and in a remote transaction Yjs would take them for another client using
		// its id (it would print a warning and pick a new id after each correction).
		tr.local = true;
		const { changes, shapes } = changesOf(tr);
		const undoAll = () => {
			for (const change of changes) revertKey(tr, change);
			for (const shape of shapes) revertShape(tr, shape.type);
		};
		if (hasPending(doc)) {
			dropPending(doc);
			result.incomplete = true;
			undoAll();
			return;
		}
		if (!judge) return;
		try {
			for (const shape of shapes) {
				revertShape(tr, shape.type);
				result.refusals.push({ root: shape.root, key: '', reason: 'not a map of entries' });
			}
			result.refusals.push(...judgeChanges(tr, changes, judge));
		} catch (error) {
			// Fail closed: a change the rules could not judge is not let through.
			undoAll();
			result.refusals.push({ root: '', key: '', reason: `could not be checked: ${String(error)}` });
		}
	}, origin);
	return result;
}
