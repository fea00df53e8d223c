import type * as Y from 'yjs';
import { controlFromYdoc } from '../../board/control';
import { draftCounts, moveRevealedDrafts, recordWaiting } from '../../board/drafts';
import { isSafeId } from '../../board/roots';
import type { DocStore } from '../doc-store';
import type { Logger } from '../log';

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
 *
 * Everything here reads what a client wrote: invalid entries are skipped or removed, and a
 * failure in one draft is logged and does not stop the others.
 */
export class DraftCoordinator {
	private readonly revealedByRoom = new Map<string, string>();

	constructor(
		private readonly withDocs: WithDocs,
		private readonly store: DocStore,
		private readonly log: Logger
	) {}

	/** A participant changed their draft: move what is already revealed, update the counts. */
	draftChanged(roomId: string, participantId: string): void {
		if (!isSafeId(participantId)) return;
		const name = draftDocName(participantId);
		this.withDocs(roomId, ['control', 'board', name], ([control, board, draft]) => {
			const state = controlFromYdoc(control!);
			const { removed } = moveRevealedDrafts(draft!, board!, state.revealedSteps, participantId);
			if (removed > 0)
				this.log('warn', 'draft_entries_removed', { room: roomId, doc: name, count: removed });
			recordWaiting(control!, participantId, draftCounts(draft!));
		});
	}

	/** The facilitator changed the control document: on a new reveal, move every draft of it. */
	controlChanged(roomId: string, control: Y.Doc): void {
		const revealed = controlFromYdoc(control).revealedSteps;
		const signature = revealed.join('|');
		if (this.revealedByRoom.get(roomId) === signature) return;
		this.revealedByRoom.set(roomId, signature);
		if (revealed.length === 0) return;
		for (const name of this.store.docNames(roomId, DRAFT_PREFIX)) {
			try {
				this.draftChanged(roomId, participantOfDraft(name)!);
			} catch (error) {
				this.log('error', 'room_error', { room: roomId, doc: name, message: messageOf(error) });
			}
		}
	}

	forgetRoom(roomId: string): void {
		this.revealedByRoom.delete(roomId);
	}
}

export function messageOf(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
