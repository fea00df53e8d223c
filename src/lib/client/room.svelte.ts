// A room as the components see it: reactive snapshots, connection state, presence, and the
// board operations bound to the right document. Components never see Yjs.
import * as Y from 'yjs';
import {
	addNote,
	addTimerTime,
	beginSession,
	boardFromYdoc,
	controlFromYdoc,
	deleteNote,
	editNote,
	goToStep,
	notesRoot,
	pauseTimer,
	resetTimer,
	resumeTimer,
	setNoteHidden,
	setPaused,
	setStepLocked,
	setSynthesis,
	startTimer,
	USER_ORIGIN,
	type BoardSnapshot,
	type ControlSnapshot
} from '$lib/board';
import { DocConnection, type LinkStatus } from './doc-connection.svelte';
import { DocState } from './doc-state.svelte';
import type { Role } from './storage';

export type Presence = { participants: number; facilitators: number; projectors: number };
export type RoomStatus = 'online' | 'connecting' | 'offline';

function newId(): string {
	return crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}

export class RoomConnection {
	readonly #controlLink: DocConnection;
	readonly #boardLink: DocConnection;
	readonly control: DocState<ControlSnapshot>;
	readonly board: DocState<BoardSnapshot>;
	readonly #undo: Y.UndoManager;
	presence = $state<Presence>({ participants: 0, facilitators: 0, projectors: 0 });
	canUndo = $state(false);

	constructor(
		readonly roomId: string,
		key: string,
		readonly role: Role,
		readonly participantId: string = role
	) {
		this.#controlLink = new DocConnection(roomId, 'control', key);
		this.#boardLink = new DocConnection(roomId, 'board', key);
		this.control = new DocState(this.#controlLink.doc, controlFromYdoc);
		this.board = new DocState(this.#boardLink.doc, boardFromYdoc);
		this.#undo = new Y.UndoManager(notesRoot(this.#boardLink.doc), {
			// Yjs reads this set; it is not component state.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			trackedOrigins: new Set([USER_ORIGIN])
		});
		this.#undo.on('stack-item-added', this.#updateUndo);
		this.#undo.on('stack-item-popped', this.#updateUndo);
		const awareness = this.#boardLink.provider.awareness;
		awareness.setLocalStateField('role', role);
		awareness.on('change', this.#countPresence);
		this.#countPresence();
	}

	#updateUndo = () => {
		this.canUndo = this.#undo.undoStack.length > 0;
	};

	#countPresence = () => {
		const counts: Presence = { participants: 0, facilitators: 0, projectors: 0 };
		for (const state of this.#boardLink.provider.awareness.getStates().values()) {
			if (state.role === 'participant') counts.participants++;
			else if (state.role === 'facilitator') counts.facilitators++;
			else if (state.role === 'viewer') counts.projectors++;
		}
		this.presence = counts;
	};

	/** The worse of the two documents' links. */
	get status(): RoomStatus {
		const statuses: LinkStatus[] = [this.#controlLink.status, this.#boardLink.status];
		if (
			statuses.every((s) => s === 'connected') &&
			this.#controlLink.synced &&
			this.#boardLink.synced
		)
			return 'online';
		if (statuses.includes('disconnected')) return 'offline';
		return 'connecting';
	}

	/** Changes made here that the server may not have yet. */
	get unsent(): boolean {
		return this.#boardLink.unsent || (this.role === 'facilitator' && this.#controlLink.unsent);
	}

	// Facilitator: flow control.
	begin = () => beginSession(this.#controlLink.doc, Date.now());
	goTo = (index: number, stepCount: number) =>
		goToStep(this.#controlLink.doc, index, stepCount, Date.now());
	startTimer = (minutes: number) => startTimer(this.#controlLink.doc, minutes * 60_000, Date.now());
	pauseTimer = () => pauseTimer(this.#controlLink.doc, Date.now());
	resumeTimer = () => resumeTimer(this.#controlLink.doc, Date.now());
	resetTimer = () => resetTimer(this.#controlLink.doc);
	addMinutes = (minutes: number) =>
		addTimerTime(this.#controlLink.doc, minutes * 60_000, Date.now());
	setPaused = (paused: boolean) => setPaused(this.#controlLink.doc, paused);
	setLocked = (stepId: string, locked: boolean) =>
		setStepLocked(this.#controlLink.doc, stepId, locked);
	setHidden = (noteId: string, hidden: boolean) =>
		setNoteHidden(this.#boardLink.doc, noteId, hidden);
	setSynthesis = (sectionId: string, text: string) =>
		setSynthesis(this.#controlLink.doc, sectionId, text);

	// Participants (and the facilitator): notes.
	addNote = (step: string, text: string, authorName = '', column = '') =>
		addNote(this.#boardLink.doc, {
			id: newId(),
			text,
			step,
			column,
			author: this.participantId,
			authorName,
			created: Date.now()
		});
	editNote = (noteId: string, text: string) => editNote(this.#boardLink.doc, noteId, text);
	deleteNote = (noteId: string) => deleteNote(this.#boardLink.doc, noteId);
	undo = () => this.#undo.undo();

	destroy(): void {
		this.#boardLink.provider.awareness.off('change', this.#countPresence);
		this.#undo.destroy();
		this.control.destroy();
		this.board.destroy();
		this.#controlLink.destroy();
		this.#boardLink.destroy();
	}
}
