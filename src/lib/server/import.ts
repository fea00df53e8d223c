import * as v from 'valibot';
import * as Y from 'yjs';
import type { RoomExportSchema } from '../report/export';
import { findWorkshop } from '../workshop/catalog';
import { roomLinks } from './api';
import type { App } from './app';
import { HttpError } from './http';

function decodeState(base64: string, field: string): Uint8Array {
	const update = new Uint8Array(Buffer.from(base64, 'base64'));
	try {
		Y.applyUpdate(new Y.Doc(), update);
	} catch {
		throw new HttpError(400, `${field}: not a valid document state`);
	}
	return update;
}

/** Turns a JSON export into a new room with new keys; the old room's keys never travel. */
export function importRoom(app: App, data: v.InferOutput<typeof RoomExportSchema>, origin: string) {
	const workshop = findWorkshop(data.room.workshop);
	if (!workshop)
		throw new HttpError(
			400,
			`room.workshop: unknown workshop "${data.room.workshop}" on this server`
		);
	const control = decodeState(data.state.control, 'state.control');
	const board = decodeState(data.state.board, 'state.board');
	const room = app.rooms.create({ title: data.room.title, workshop: workshop.id });
	app.store.append(room.id, 'control', 1, control);
	app.store.append(room.id, 'board', 1, board);
	app.log('info', 'room_imported', { room: room.id, workshop: workshop.id });
	return roomLinks(room, origin);
}
