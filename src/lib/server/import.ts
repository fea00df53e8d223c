import * as v from 'valibot';
import * as Y from 'yjs';
import { castBallot } from '../board/ballots';
import { LOAD_ORIGIN } from '../board/origins';
import { metaRoot } from '../board/roots';
import { DocumentTooNewError, migrate, type VersionedDoc } from '../board/schema';
import type { RoomExportSchema } from '../report/export';
import { findWorkshop } from '../workshop/catalog';
import { workshopCopy } from './room-workshop';
import { roomLinks } from './api';
import type { App } from './app';
import { HttpError } from './http';
import { newParticipantId } from './keys';
import { TALLY_DOC } from './sync/drafts';

/**
 * A document state of the export, raised to this program's schema version before it is stored
 * (an export from an earlier version), or refused (400) when a newer program wrote it.
 */
function decodeState(base64: string, field: string, kind: VersionedDoc): Uint8Array {
	const update = new Uint8Array(Buffer.from(base64, 'base64'));
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, update, LOAD_ORIGIN);
	} catch {
		throw new HttpError(400, `${field}: not a valid document state`);
	}
	try {
		if (migrate(doc, kind).length === 0) return update;
	} catch (error) {
		if (error instanceof DocumentTooNewError)
			throw new HttpError(400, `${field}: ${error.message}`);
		throw error;
	}
	return Y.encodeStateAsUpdate(doc);
}

/**
 * The server's tally for an imported room: each anonymous voter of the export gets a fresh id
 * that no participant of the new room has, so their votes count when a vote is revealed there.
 */
function tallyOf(
	ballots: NonNullable<v.InferOutput<typeof RoomExportSchema>['ballots']>
): Uint8Array {
	const tally = new Y.Doc();
	const ids = new Map<number, string>();
	tally.transact(() => {
		for (const b of ballots) {
			if (!ids.has(b.voter)) ids.set(b.voter, newParticipantId());
			castBallot(tally, { ...b, participant: ids.get(b.voter)! });
		}
	});
	return Y.encodeStateAsUpdate(tally);
}

/** The key in the control document's meta that holds an imported room's participant count. */
const IMPORTED_PARTICIPANTS = 'importedParticipants';

/**
 * The participants an imported room had: they took part on the other server and none of them can
 * join here (their keys never travel), so the report counts them from here.
 */
export function importedParticipants(control: Y.Doc): number {
	const value = metaRoot(control).get(IMPORTED_PARTICIPANTS);
	return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

/** The control state with the exported participant count in its meta. */
function withParticipants(update: Uint8Array, participants: number | undefined): Uint8Array {
	if (!participants) return update;
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update, LOAD_ORIGIN);
	doc.transact(() => metaRoot(doc).set(IMPORTED_PARTICIPANTS, participants), LOAD_ORIGIN);
	return Y.encodeStateAsUpdate(doc);
}

/**
 * Turns a JSON export into a new room with new keys (the old room's keys never travel), with the
 * date, the variant (and so the length) and the number of participants of the exported room.
 */
export function importRoom(app: App, data: v.InferOutput<typeof RoomExportSchema>, origin: string) {
	const workshop = findWorkshop(data.room.workshop);
	if (!workshop)
		throw new HttpError(
			400,
			`room.workshop: unknown workshop "${data.room.workshop}" on this server`
		);
	const variant = data.room.variant ?? '';
	if (variant && !workshop.variants?.some((v) => v.id === variant))
		throw new HttpError(
			400,
			`room.variant: the workshop "${workshop.id}" has no variant "${variant}" on this server`
		);
	const control = withParticipants(
		decodeState(data.state.control, 'state.control', 'control'),
		data.room.participants
	);
	const board = decodeState(data.state.board, 'state.board', 'board');
	const room = app.rooms.create({
		title: data.room.title,
		workshop: workshop.id,
		variant,
		// (The schema checks the date; a caller that passes none gets today's.)
		createdAt: Number.isFinite(Date.parse(data.room.createdAt))
			? Date.parse(data.room.createdAt)
			: undefined,
		copy: workshopCopy(workshop)
	});
	app.store.appendNow(room.id, 'control', 1, control);
	app.store.appendNow(room.id, 'board', 1, board);
	if (data.ballots?.length) app.store.appendNow(room.id, TALLY_DOC, 1, tallyOf(data.ballots));
	app.log('info', 'room_imported', { room: room.id, workshop: workshop.id });
	return roomLinks(room, origin);
}
