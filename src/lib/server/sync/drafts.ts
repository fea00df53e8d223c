import type * as Y from 'yjs';
import {
	ballotsFromYdoc,
	draftBallotsFromYdoc,
	migrateLegacyBallots,
	recordVoted,
	syncTally,
	totalsOf,
	voterCounts,
	voteTotalsFromYdoc,
	writeVoteTotals
} from '../../board/ballots';
import { controlFromYdoc } from '../../board/control';
import { paperCountsFromYdoc, withPaperStatements } from '../../board/paper';
import { draftCounts, moveRevealedDrafts, recordWaiting } from '../../board/drafts';
import { serverOrigin } from '../../board/origins';
import { ballotsRoot, isSafeId } from '../../board/roots';
import { workshopOfRoom } from '../room-workshop';
import { writesOf } from '../../steps/registry';
import { inVariant } from '../../workshop/types';
import type { DocStorage } from '../doc-store';
import type { Logger } from '../log';
import type { RoomRepository } from '../rooms';

const DRAFT_PREFIX = 'draft-';
const DRAFTS = serverOrigin('drafts');
const BALLOTS = serverOrigin('ballots');
/** The server-only document of a room that holds the ballots counted so far. No URL opens it. */
export const TALLY_DOC = 'tally';

export function draftDocName(participantId: string): string {
	return `${DRAFT_PREFIX}${participantId}`;
}

export function participantOfDraft(docName: string): string | null {
	return docName.startsWith(DRAFT_PREFIX) ? docName.slice(DRAFT_PREFIX.length) : null;
}

/** Opens stored documents of a room, loaded or not, for a server-side change. */
export type WithDocs = (roomId: string, names: string[], change: (docs: Y.Doc[]) => void) => void;

/** Which statements of which vote steps a room's workshop has; null when it is not installed. */
type Statements = Map<string, Set<string>> | null;

/**
 * Keeps the private documents honest. Silent brainstorming: drafts never enter the shared board
 * until the facilitator reveals their step; then the server moves them, also for participants who
 * are offline. Secret ballots: while a vote is open the server copies each participant's ballots
 * from their draft into the room's tally, and only the number of voters into control; on the
 * reveal it writes the totals into the board. The control document carries only counts.
 *
 * Everything here reads what a client wrote: invalid entries are skipped or removed, and a
 * failure in one draft is logged and does not stop the others.
 */
export class DraftCoordinator {
	private readonly revealedByRoom = new Map<string, string>();
	private readonly votingByRoom = new Map<string, string>();
	private readonly statementsByRoom = new Map<string, Statements>();

	constructor(
		private readonly withDocs: WithDocs,
		private readonly store: DocStorage,
		private readonly rooms: RoomRepository,
		private readonly log: Logger
	) {}

	/** A participant changed their draft: move what is revealed, count ballots, update counts. */
	draftChanged(roomId: string, participantId: string): void {
		if (!isSafeId(participantId)) return;
		const name = draftDocName(participantId);
		this.withDocs(
			roomId,
			['control', 'board', TALLY_DOC, name],
			([control, board, tally, draft]) => {
				const state = controlFromYdoc(control!);
				const { removed } = moveRevealedDrafts(
					draft!,
					board!,
					state.revealedSteps,
					participantId,
					DRAFTS
				);
				if (removed > 0)
					this.log('warn', 'draft_entries_removed', { room: roomId, doc: name, count: removed });
				recordWaiting(control!, participantId, draftCounts(draft!), DRAFTS);
				const open = state.votingSteps.filter((step) => !state.revealedSteps.includes(step));
				const statements = this.statementsOf(roomId);
				const accept = (step: string, statement: string) =>
					!statements || !!statements.get(step)?.has(statement);
				if (syncTally(tally!, participantId, open, draftBallotsFromYdoc(draft!), accept, BALLOTS))
					recordVoted(control!, voterCounts(ballotsFromYdoc(tally!)), BALLOTS);
			}
		);
	}

	/**
	 * The facilitator changed the control document. A newly revealed vote gets its totals on the
	 * board; on a new reveal or a newly opened vote every draft of the room is looked at again.
	 */
	controlChanged(roomId: string, control: Y.Doc): void {
		const state = controlFromYdoc(control);
		const revealed = state.revealedSteps.join('|');
		const voting = state.votingSteps.join('|');
		const before = this.revealedByRoom.get(roomId);
		const votingBefore = this.votingByRoom.get(roomId);
		if (before === revealed && votingBefore === voting) return;
		this.revealedByRoom.set(roomId, revealed);
		this.votingByRoom.set(roomId, voting);
		const shownBefore = before === undefined ? [] : before.split('|');
		const newlyRevealed = state.revealedSteps.filter((step) => !shownBefore.includes(step));
		if (newlyRevealed.length > 0) this.writeTotals(roomId, newlyRevealed);
		const newlyOpen = state.votingSteps.filter(
			(step) => !(votingBefore ?? '').split('|').includes(step)
		);
		if (newlyRevealed.length === 0 && newlyOpen.length === 0) return;
		for (const name of this.store.docNames(roomId, DRAFT_PREFIX)) {
			try {
				this.draftChanged(roomId, participantOfDraft(name)!);
			} catch (error) {
				this.log('error', 'room_error', { room: roomId, doc: name, message: messageOf(error) });
			}
		}
	}

	/** Writes the totals of the tally's ballots for these steps into the board. */
	private writeTotals(roomId: string, steps: readonly string[]): void {
		this.withDocs(roomId, ['board', TALLY_DOC], ([board, tally]) => {
			const counted = ballotsFromYdoc(tally!);
			const shown = voteTotalsFromYdoc(board!);
			const paper = paperCountsFromYdoc(board!);
			for (const step of steps) {
				// A statement voted on only on paper gets a total too, so that its paper ballots show.
				const totals = withPaperStatements(totalsOf(counted, step), paper, step);
				const before = shown.filter((t) => t.step === step);
				if (JSON.stringify(totals) === JSON.stringify(before)) continue;
				writeVoteTotals(board!, step, totals, BALLOTS);
			}
		});
	}

	/**
	 * A board stored before ballots left it: move its ballots to the tally, the drafts and the
	 * totals (see migrateLegacyBallots). Runs when the server loads such a board.
	 */
	migrateBoard(roomId: string, board: Y.Doc): void {
		const root = ballotsRoot(board);
		if (root.size === 0) return;
		const participants = [...new Set(ballotsFromYdoc(board).map((b) => b.participant))].filter(
			isSafeId
		);
		const names = participants.map(draftDocName);
		this.withDocs(roomId, ['control', TALLY_DOC, ...names], ([control, tally, ...drafts]) => {
			const moved = migrateLegacyBallots(
				{
					board,
					control: control!,
					tally: tally!,
					draftOf: (participant) => drafts[participants.indexOf(participant)] ?? null,
					revealedSteps: controlFromYdoc(control!).revealedSteps
				},
				BALLOTS
			);
			this.log('info', 'ballots_migrated', { room: roomId, ballots: moved });
		});
	}

	private statementsOf(roomId: string): Statements {
		if (!this.statementsByRoom.has(roomId)) {
			const room = this.rooms.get(roomId);
			const installed = room ? workshopOfRoom(this.rooms, room).workshop : null;
			let statements: Statements = null;
			if (installed) {
				statements = new Map();
				for (const step of inVariant(installed, room!.variant).steps) {
					// Steps whose kind takes secret ballots (a vote), with their statements.
					const ballots = writesOf(step.type).ballots;
					if (ballots) statements.set(step.id, new Set(ballots(step)));
				}
			}
			this.statementsByRoom.set(roomId, statements);
		}
		return this.statementsByRoom.get(roomId)!;
	}

	forgetRoom(roomId: string): void {
		this.revealedByRoom.delete(roomId);
		this.votingByRoom.delete(roomId);
		this.statementsByRoom.delete(roomId);
	}
}

export function messageOf(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
