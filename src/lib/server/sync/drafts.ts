import type * as Y from 'yjs';
import { controlFromYdoc } from '../../board/control';
import { draftCounts, moveRevealedDrafts, recordWaiting } from '../../board/drafts';
import type { DocStore } from '../doc-store';

const DRAFT_PREFIX = 'draft-';

export function draftDocName(participantId: string): string {
	return `${DRAFT_PREFIX}${participantId}`;
}

export function participantOfDraft(docName: string): string | null {
	return docName.startsWith(DRAFT_PREFIX) ? docName.slice(DRAFT_PREFIX.length) : null;
}

/** Opens stored documents of a room, loaded or not, for a server-side change. */
export type WithDocs = (roomId: string, names: string[], change: (docs: Y.Doc[]) => void) => void;

/**
 * Keeps silent brainstorming honest: private drafts never enter the shared board until the
 * facilitator reveals their step; then the server moves them, also for participants who are
 * offline. The control document carries only counts of waiting notes.
 */
export class DraftCoordinator {
	private readonly revealedByRoom = new Map<string, string>();

	constructor(
		private readonly withDocs: WithDocs,
		private readonly store: DocStore
	) {}

	/** A participant changed their draft: move what is already revealed, update the counts. */
	draftChanged(roomId: string, participantId: string): void {
		this.withDocs(
			roomId,
			['control', 'board', draftDocName(participantId)],
			([control, board, draft]) => {
				moveRevealedDrafts(draft!, board!, controlFromYdoc(control!).revealedSteps);
				recordWaiting(control!, participantId, draftCounts(draft!));
			}
		);
	}

	/** The facilitator changed the control document: on a new reveal, move every draft of it. */
	controlChanged(roomId: string, control: Y.Doc): void {
		const revealed = controlFromYdoc(control).revealedSteps;
		const signature = revealed.join('|');
		if (this.revealedByRoom.get(roomId) === signature) return;
		this.revealedByRoom.set(roomId, signature);
		if (revealed.length === 0) return;
		for (const name of this.store.docNames(roomId, DRAFT_PREFIX)) {
			this.draftChanged(roomId, participantOfDraft(name)!);
		}
	}

	forgetRoom(roomId: string): void {
		this.revealedByRoom.delete(roomId);
	}
}
