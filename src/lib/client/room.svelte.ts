// A room as the components see it: reactive snapshots, connection state, presence, and the
// board operations bound to the right document. Components never see Yjs.
import * as Y from 'yjs';
import {
	actionsRoot,
	addNote,
	addTimerTime,
	answerCheckItem,
	castDraftBallot,
	draftBallotsFromYdoc,
	checklistRoot,
	clearRating,
	createCluster,
	deleteAction,
	deleteCluster,
	dotsRoot,
	mergeNotes,
	moveToCluster,
	notesFromYdoc,
	placeDot,
	proposeAction,
	rateBlock,
	ratingsRoot,
	renameCluster,
	setActionHidden,
	setActionStatus,
	setRevealed,
	setVotingOpen,
	unmergeNote,
	updateAction,
	VoteError,
	withdrawDraftBallot,
	type ActionField,
	type ActionStatus,
	type CheckAnswer,
	type Choice,
	type DraftBallot,
	type Note,
	type Rating,
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
import { DocConnection, type LinkStatus, type Refusal } from './doc-connection.svelte';
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
	/** A participant's private draft (silent brainstorming): only they and the server see it. */
	readonly #draftLink: DocConnection | null;
	readonly drafts: DocState<Note[]> | null;
	/** A participant's own secret ballots, from the same private draft. */
	readonly myBallots: DocState<DraftBallot[]> | null;
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
		this.#draftLink = role === 'participant' ? new DocConnection(roomId, 'draft', key) : null;
		this.drafts = this.#draftLink ? new DocState(this.#draftLink.doc, notesFromYdoc) : null;
		this.myBallots = this.#draftLink
			? new DocState(this.#draftLink.doc, draftBallotsFromYdoc)
			: null;
		const board = this.#boardLink.doc;
		const undoable = [notesRoot, dotsRoot, ratingsRoot, checklistRoot, actionsRoot];
		this.#undo = new Y.UndoManager(
			undoable.map((root) => root(board)),
			{
				// Yjs reads this set; it is not component state.
				// eslint-disable-next-line svelte/prefer-svelte-reactivity
				trackedOrigins: new Set([USER_ORIGIN])
			}
		);
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
		const links = this.#links();
		const statuses: LinkStatus[] = links.map((link) => link.status);
		if (statuses.every((s) => s === 'connected') && links.every((link) => link.synced))
			return 'online';
		if (statuses.includes('disconnected')) return 'offline';
		return 'connecting';
	}

	/** Changes made here that the server may not have yet. */
	get unsent(): boolean {
		return (
			this.#boardLink.unsent ||
			!!this.#draftLink?.unsent ||
			(this.role === 'facilitator' && this.#controlLink.unsent)
		);
	}

	/** The latest change of this browser that the server put back, if any. */
	get refusal(): Refusal | null {
		const refusals = this.#links()
			.map((link) => link.refusal)
			.filter((r): r is Refusal => r !== null);
		return refusals.sort((a, b) => b.at - a.at)[0] ?? null;
	}

	#links(): DocConnection[] {
		return [this.#controlLink, this.#boardLink, ...(this.#draftLink ? [this.#draftLink] : [])];
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
	/** Shows a step's hidden results (votes, ratings, silent notes) to everyone, or hides them. */
	setRevealed = (stepId: string, revealed: boolean) =>
		setRevealed(this.#controlLink.doc, stepId, revealed);
	setVotingOpen = (stepId: string, open: boolean) =>
		setVotingOpen(this.#controlLink.doc, stepId, open);

	// Facilitator: grouping notes.
	createCluster = (step: string, title: string): string => {
		const id = newId();
		createCluster(this.#boardLink.doc, { id, step, title, created: Date.now() });
		return id;
	};
	renameCluster = (clusterId: string, title: string) =>
		renameCluster(this.#boardLink.doc, clusterId, title);
	deleteCluster = (clusterId: string) => deleteCluster(this.#boardLink.doc, clusterId);
	/** Puts a note in a cluster; an empty cluster id takes it out again. */
	moveToCluster = (noteId: string, clusterId: string) =>
		moveToCluster(this.#boardLink.doc, noteId, clusterId);
	mergeNotes = (keepId: string, duplicateId: string) =>
		mergeNotes(this.#boardLink.doc, keepId, duplicateId);
	unmergeNote = (noteId: string) => unmergeNote(this.#boardLink.doc, noteId);

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

	// Participants: notes of a silent step wait in the private draft until the reveal.
	addDraftNote = (step: string, text: string, authorName = '', column = '') => {
		if (!this.#draftLink) throw new Error('only participants have a draft');
		addNote(this.#draftLink.doc, {
			id: newId(),
			text,
			step,
			column,
			author: this.participantId,
			authorName,
			created: Date.now()
		});
	};
	editDraftNote = (noteId: string, text: string) => {
		if (this.#draftLink) editNote(this.#draftLink.doc, noteId, text);
	};
	deleteDraftNote = (noteId: string) => {
		if (this.#draftLink) deleteNote(this.#draftLink.doc, noteId);
	};

	// Everyone with a voice: dots, ratings, ballots, the checklist, actions.
	/** Adds or takes back a dot; false when none is left (or none to take back). */
	placeDot = (step: string, target: string, delta: 1 | -1, limit: number): boolean => {
		try {
			placeDot(this.#boardLink.doc, {
				step,
				participant: this.participantId,
				target,
				delta,
				limit
			});
			return true;
		} catch (error) {
			if (error instanceof VoteError) return false;
			throw error;
		}
	};
	rate = (step: string, block: string, rating: Rating) =>
		rateBlock(this.#boardLink.doc, { step, participant: this.participantId, block, rating });
	clearRating = (step: string, block: string) =>
		clearRating(this.#boardLink.doc, { step, participant: this.participantId, block });
	/** A secret ballot: it goes into the participant's own draft, which only the server reads. */
	castBallot = (step: string, statement: string, choice: Choice) => {
		if (!this.#draftLink) throw new Error('only participants vote');
		castDraftBallot(this.#draftLink.doc, { step, statement, choice });
	};
	withdrawBallot = (step: string, statement: string) => {
		if (this.#draftLink) withdrawDraftBallot(this.#draftLink.doc, { step, statement });
	};
	answerCheckItem = (step: string, item: string, answer: CheckAnswer, note: string) =>
		answerCheckItem(this.#boardLink.doc, { step, item, answer, note });
	proposeAction = (step: string, fields: Partial<Record<ActionField, string>>): string => {
		const id = newId();
		proposeAction(this.#boardLink.doc, {
			...fields,
			id,
			step,
			author: this.participantId,
			created: Date.now()
		});
		return id;
	};
	updateAction = (actionId: string, fields: Partial<Record<ActionField, string>>) =>
		updateAction(this.#boardLink.doc, actionId, fields);
	setActionStatus = (actionId: string, status: ActionStatus) =>
		setActionStatus(this.#boardLink.doc, actionId, status);
	setActionHidden = (actionId: string, hidden: boolean) =>
		setActionHidden(this.#boardLink.doc, actionId, hidden);
	deleteAction = (actionId: string) => deleteAction(this.#boardLink.doc, actionId);

	destroy(): void {
		this.#boardLink.provider.awareness.off('change', this.#countPresence);
		this.#undo.destroy();
		this.control.destroy();
		this.board.destroy();
		this.drafts?.destroy();
		this.myBallots?.destroy();
		for (const link of this.#links()) link.destroy();
	}
}
