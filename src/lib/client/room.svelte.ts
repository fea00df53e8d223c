// A room as the components see it: reactive snapshots, connection state, presence, and the
// board operations bound to the right document. Components never see Yjs.
import {
	addNote,
	addTimerTime,
	answerCheckItem,
	proposeCheckAnswer,
	StepUndo,
	castDraftBallot,
	draftBallotsFromYdoc,
	clearRating,
	createCluster,
	deleteAction,
	deleteCluster,
	mergeNotes,
	moveToCluster,
	notesFromYdoc,
	placeDot,
	proposeAction,
	rateBlock,
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
	pauseTimer,
	resetTimer,
	resumeTimer,
	setNoteHidden,
	setPaused,
	setStepLocked,
	setSynthesis,
	startTimer,
	setPaperCount,
	setPagingPaused,
	setProjectorJoin,
	turnProjectorPage,
	PAPER_AUTHOR,
	type PaperCount,
	type BoardSnapshot,
	type ControlSnapshot
} from '$lib/board';
import { DocConnection, type LinkStatus, type Refusal } from './doc-connection.svelte';
import { DocState } from './doc-state.svelte';
import { serverNow } from './server-clock';
import type { Role } from './storage';

export type Presence = {
	participants: number;
	facilitators: number;
	projectors: number;
	/** Per step id: how many participants have unsent text in that step (never the text). */
	typing: Record<string, number>;
};
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
	readonly #undo: StepUndo;
	presence = $state<Presence>({ participants: 0, facilitators: 0, projectors: 0, typing: {} });
	/** This person has a change of their own in the current step to take back. */
	canUndo = $state(false);
	/** When (server time) this browser last added a note: a late note after the time is up is told so. */
	lastNoteAt = $state(0);
	/** Fields with unsent text, as `${step}|${field}`. */
	// Not component state: read only to decide what presence says.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#typing = new Set<string>();

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
		// Undo reaches only this browser's own changes in the step the session is on.
		this.#undo = new StepUndo(this.#boardLink.doc, this.#controlLink.doc);
		this.#undo.onChange((canUndo) => (this.canUndo = canUndo));
		const awareness = this.#boardLink.provider.awareness;
		awareness.setLocalStateField('role', role);
		awareness.on('change', this.#countPresence);
		this.#countPresence();
	}

	#countPresence = () => {
		const counts: Presence = { participants: 0, facilitators: 0, projectors: 0, typing: {} };
		for (const state of this.#boardLink.provider.awareness.getStates().values()) {
			if (state.role === 'participant') {
				counts.participants++;
				const step = state.typing;
				if (typeof step === 'string' && step) counts.typing[step] = (counts.typing[step] ?? 0) + 1;
			} else if (state.role === 'facilitator') counts.facilitators++;
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

	/** The server closed the room for good: it was erased. */
	get erased(): boolean {
		return this.#links().some((link) => link.erased);
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

	/**
	 * Tells the others (through presence, never the text) whether this participant has unsent
	 * text in a field of a step: the console shows "3 mensen typen nog".
	 */
	setTyping = (stepId: string, field: string, typing: boolean) => {
		const key = `${stepId}|${field}`;
		if (typing) this.#typing.add(key);
		else this.#typing.delete(key);
		const inStep = [...this.#typing].some((k) => k.startsWith(`${stepId}|`));
		const awareness = this.#boardLink.provider.awareness;
		const current = awareness.getLocalState()?.typing ?? '';
		const next = inStep ? stepId : current === stepId ? '' : current;
		if (next !== current) awareness.setLocalStateField('typing', next);
	};

	// Facilitator: flow control. Times are the server's, so that every device's timer agrees.
	begin = () => beginSession(this.#controlLink.doc, serverNow());
	goTo = (index: number, stepCount: number) =>
		goToStep(this.#controlLink.doc, index, stepCount, serverNow());
	startTimer = (minutes: number) =>
		startTimer(this.#controlLink.doc, minutes * 60_000, serverNow());
	pauseTimer = () => pauseTimer(this.#controlLink.doc, serverNow());
	resumeTimer = () => resumeTimer(this.#controlLink.doc, serverNow());
	resetTimer = () => resetTimer(this.#controlLink.doc);
	addMinutes = (minutes: number) =>
		addTimerTime(this.#controlLink.doc, minutes * 60_000, serverNow());
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
	/** The projector's remote: its QR code, its pages and their automatic turning. */
	setProjectorJoin = (large: boolean) => setProjectorJoin(this.#controlLink.doc, large);
	turnProjectorPage = (by: 1 | -1) => turnProjectorPage(this.#controlLink.doc, by);
	setPagingPaused = (paused: boolean) => setPagingPaused(this.#controlLink.doc, paused);

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
	addNote = (step: string, text: string, authorName = '', column = '') => {
		this.lastNoteAt = serverNow();
		addNote(this.#boardLink.doc, {
			id: newId(),
			text,
			step,
			column,
			author: this.participantId,
			authorName,
			created: Date.now()
		});
	};
	/** The facilitator types in a card written on paper in the room ("op papier"). */
	addPaperNote = (step: string, text: string, authorName = '', column = '') =>
		addNote(this.#boardLink.doc, {
			id: newId(),
			text,
			step,
			column,
			author: PAPER_AUTHOR,
			authorName,
			created: Date.now(),
			paper: true
		});
	/** The facilitator types in a hand count from paper (ratings or ballots); 0 removes it. */
	setPaperCount = (count: PaperCount) => setPaperCount(this.#boardLink.doc, count);
	editNote = (noteId: string, text: string) => editNote(this.#boardLink.doc, noteId, text);
	deleteNote = (noteId: string) => deleteNote(this.#boardLink.doc, noteId);
	undo = () => void this.#undo.undo();

	// Participants: notes of a silent step wait in the private draft until the reveal.
	addDraftNote = (step: string, text: string, authorName = '', column = '') => {
		if (!this.#draftLink) throw new Error('only participants have a draft');
		this.lastNoteAt = serverNow();
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
	/** The group's answer: the facilitator's (the server refuses it from participants). */
	answerCheckItem = (step: string, item: string, answer: CheckAnswer, note: string) =>
		answerCheckItem(this.#boardLink.doc, { step, item, answer, note });
	/** A participant's proposal for an item; '' takes it back. */
	proposeCheckAnswer = (step: string, item: string, answer: CheckAnswer) =>
		proposeCheckAnswer(this.#boardLink.doc, {
			step,
			item,
			participant: this.participantId,
			answer
		});
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
