// A complete, versioned export of a room: readable (the snapshot) and exact (the Yjs states,
// from which an import rebuilds the room on another server).
import * as v from 'valibot';
import * as Y from 'yjs';
import { CHOICES, fromYdoc, type Ballot, type Choice, type RoomSnapshot } from '../board';
import { actionsRoot, notesRoot } from '../board/roots';

export const EXPORT_FORMAT = 'visiewerkplaats-room';
export const EXPORT_VERSION = 1;

export type RoomExport = {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	room: {
		title: string;
		workshop: string;
		createdAt: string;
		/** The workshop's variant the room ran ('' or absent: the default), and so its length. */
		variant?: string;
		/** The planned length in minutes (of the variant). */
		minutes?: number;
		/** How many took part: an import keeps it for the report (their keys never travel). */
		participants?: number;
	};
	snapshot: RoomSnapshot;
	/** Yjs state of each document (control, board), base64. */
	state: { control: string; board: string };
	/**
	 * The ballots the server counted, so that an imported room can still reveal (or recount) a
	 * vote. Anonymous: `voter` numbers are drawn for this export and link to no participant.
	 */
	ballots?: ExportedBallot[];
};

export type ExportedBallot = { voter: number; step: string; statement: string; choice: Choice };

const EXPORT_ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a short id'));

export const RoomExportSchema = v.object({
	format: v.literal(EXPORT_FORMAT, `format must be "${EXPORT_FORMAT}"`),
	version: v.literal(EXPORT_VERSION, `version must be ${EXPORT_VERSION}`),
	room: v.object({
		title: v.pipe(v.string(), v.maxLength(200)),
		workshop: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
		createdAt: v.pipe(
			v.string(),
			v.check((s) => Number.isFinite(Date.parse(s)), 'room.createdAt must be an ISO date')
		),
		variant: v.optional(
			v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{0,64}$/, 'room.variant must be a short id'))
		),
		minutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
		participants: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)))
	}),
	snapshot: v.unknown(),
	state: v.object({
		control: v.pipe(v.string(), v.base64('state.control must be base64')),
		board: v.pipe(v.string(), v.base64('state.board must be base64'))
	}),
	ballots: v.optional(
		v.pipe(
			v.array(
				v.object({
					voter: v.pipe(v.number(), v.integer(), v.minValue(0)),
					step: EXPORT_ID,
					statement: EXPORT_ID,
					choice: v.picklist(CHOICES, `choice must be one of ${CHOICES.join(', ')}`)
				})
			),
			v.maxLength(100_000)
		)
	)
});

/** The counted ballots without participant ids: each participant gets a number drawn at random. */
export function anonymousBallots(ballots: readonly Ballot[]): ExportedBallot[] {
	const participants = [...new Set(ballots.map((b) => b.participant))];
	for (let i = participants.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[participants[i], participants[j]] = [participants[j]!, participants[i]!];
	}
	const number = new Map(participants.map((p, i) => [p, i + 1]));
	return ballots
		.map((b) => ({
			voter: number.get(b.participant)!,
			step: b.step,
			statement: b.statement,
			choice: b.choice
		}))
		.sort(
			(a, b) =>
				a.voter - b.voter || a.step.localeCompare(b.step) || a.statement.localeCompare(b.statement)
		);
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** What an export may carry: names and introductions only when the facilitator ticks them. */
export type ExportPrivacy = {
	/** Keep the names participants typed and the notes of `privateSteps`. */
	names: boolean;
	/** Steps whose notes are personal (the rounds: introductions, expectations). */
	privateSteps: readonly string[];
};

/**
 * A copy of the board without what may not leave the server: hidden (moderated) notes and
 * actions always; names and the notes of private steps unless the facilitator allows them. Yjs
 * collects the deleted content (garbage collection is on), so the copy's state holds none of it.
 */
export function exportableBoard(board: Y.Doc, privacy: ExportPrivacy): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(board));
	copy.transact(() => {
		const notes = notesRoot(copy);
		for (const [id, entry] of [...notes.entries()]) {
			if (!(entry instanceof Y.Map)) continue;
			const step = entry.get('step');
			const personal = typeof step === 'string' && privacy.privateSteps.includes(step);
			if (entry.get('hidden') === true || (!privacy.names && personal)) notes.delete(id);
			else if (!privacy.names && entry.has('authorName')) entry.delete('authorName');
		}
		const actions = actionsRoot(copy);
		for (const [id, entry] of [...actions.entries()])
			if (entry instanceof Y.Map && entry.get('hidden') === true) actions.delete(id);
	});
	return copy;
}

/**
 * The export of a room, from its two documents and the ballots the server counted. Private by
 * default: no hidden notes, no names, no notes of private steps (see exportableBoard).
 */
export function buildExport(
	room: {
		title: string;
		workshop: string;
		createdAt: number;
		variant?: string;
		minutes?: number;
		participants?: number;
	},
	control: Y.Doc,
	stored: Y.Doc,
	counted: readonly Ballot[] = [],
	privacy: ExportPrivacy = { names: false, privateSteps: [] }
): RoomExport {
	const board = exportableBoard(stored, privacy);
	return {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		room: {
			title: room.title,
			workshop: room.workshop,
			createdAt: new Date(room.createdAt).toISOString(),
			...(room.variant ? { variant: room.variant } : {}),
			...(room.minutes !== undefined ? { minutes: room.minutes } : {}),
			...(room.participants !== undefined ? { participants: room.participants } : {})
		},
		snapshot: fromYdoc(control, board),
		state: {
			control: base64(Y.encodeStateAsUpdate(control)),
			board: base64(Y.encodeStateAsUpdate(board))
		},
		...(counted.length > 0 ? { ballots: anonymousBallots(counted) } : {})
	};
}
