// Undo for one person in one browser: only their own changes (the `user` origin), one change at a
// time, and only within the step the session is on. When the facilitator moves to another step the
// history is forgotten, so "Ongedaan maken" can never reach back into an earlier step's work.
import * as Y from 'yjs';
import { USER_ORIGIN } from './origins';
import {
	actionsRoot,
	checkProposalsRoot,
	checklistRoot,
	controlRoot,
	dotsRoot,
	notesRoot,
	ratingsRoot
} from './roots';

export class StepUndo {
	readonly #manager: Y.UndoManager;
	readonly #control: Y.Doc;
	#stepIndex: unknown;
	#listeners = new Set<(canUndo: boolean) => void>();

	/** `board` holds the contributions; `control` says which step the session is on. */
	constructor(board: Y.Doc, control: Y.Doc) {
		const scope = [
			notesRoot,
			dotsRoot,
			ratingsRoot,
			checklistRoot,
			checkProposalsRoot,
			actionsRoot
		];
		this.#manager = new Y.UndoManager(
			scope.map((root) => root(board)),
			{
				// Only edits made here, each its own step back (no merging of quick changes).
				trackedOrigins: new Set([USER_ORIGIN]),
				captureTimeout: 0
			}
		);
		this.#control = control;
		this.#stepIndex = controlRoot(control).get('stepIndex');
		this.#manager.on('stack-item-added', this.#notify);
		this.#manager.on('stack-item-popped', this.#notify);
		this.#manager.on('stack-cleared', this.#notify);
		controlRoot(control).observe(this.#onControl);
	}

	#onControl = () => {
		const stepIndex = controlRoot(this.#control).get('stepIndex');
		if (stepIndex === this.#stepIndex) return;
		this.#stepIndex = stepIndex;
		this.#manager.clear();
	};

	#notify = () => {
		for (const listener of this.#listeners) listener(this.canUndo);
	};

	get canUndo(): boolean {
		return this.#manager.undoStack.length > 0;
	}

	/** Takes back this person's last change in the current step; false when there is none. */
	undo(): boolean {
		if (!this.canUndo) return false;
		this.#manager.undo();
		return true;
	}

	onChange(listener: (canUndo: boolean) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	destroy(): void {
		controlRoot(this.#control).unobserve(this.#onControl);
		this.#listeners.clear();
		this.#manager.destroy();
	}
}
