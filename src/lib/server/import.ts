import * as v from 'valibot';
import * as Y from 'yjs';
import { castBallot } from '../board/ballots';
import { LOAD_ORIGIN } from '../board/origins';
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

/** Turns a JSON export into a new room with new keys; the old room's keys never travel. */
export function importRoom(app: App, data: v.InferOutput<typeof RoomExportSchema>, origin: string) {
	const workshop = findWorkshop(data.room.workshop);
	if (!workshop)
		throw new HttpError(
			400,
			`room.workshop: unknown workshop "${data.room.workshop}" on this server`
		);
	const control = decodeState(data.state.control, 'state.control', 'control');
	const board = decodeState(data.state.board, 'state.board', 'board');
	const room = app.rooms.create({
		title: data.room.title,
		workshop: workshop.id,
		copy: workshopCopy(workshop)
	});
	app.store.append(room.id, 'control', 1, control);
	app.store.append(room.id, 'board', 1, board);
	if (data.ballots?.length) app.store.append(room.id, TALLY_DOC, 1, tallyOf(data.ballots));
	app.log('info', 'room_imported', { room: room.id, workshop: workshop.id });
	return roomLinks(room, origin);
}
