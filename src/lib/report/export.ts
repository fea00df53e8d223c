// A complete, versioned export of a room: readable (the snapshot) and exact (the Yjs states,
// from which an import rebuilds the room on another server).
import * as v from 'valibot';
import * as Y from 'yjs';
import { fromYdoc, type RoomSnapshot } from '../board';

export const EXPORT_FORMAT = 'visiewerkplaats-room';
export const EXPORT_VERSION = 1;

export type RoomExport = {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	room: { title: string; workshop: string; createdAt: string };
	snapshot: RoomSnapshot;
	/** Yjs state of each document (control, board), base64. */
	state: { control: string; board: string };
};

export const RoomExportSchema = v.object({
	format: v.literal(EXPORT_FORMAT, `format must be "${EXPORT_FORMAT}"`),
	version: v.literal(EXPORT_VERSION, `version must be ${EXPORT_VERSION}`),
	room: v.object({
		title: v.pipe(v.string(), v.maxLength(200)),
		workshop: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
		createdAt: v.string()
	}),
	snapshot: v.unknown(),
	state: v.object({
		control: v.pipe(v.string(), v.base64('state.control must be base64')),
		board: v.pipe(v.string(), v.base64('state.board must be base64'))
	})
});

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The export of a room, from its two documents. */
export function buildExport(
	room: { title: string; workshop: string; createdAt: number },
	control: Y.Doc,
	board: Y.Doc
): RoomExport {
	return {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		room: {
			title: room.title,
			workshop: room.workshop,
			createdAt: new Date(room.createdAt).toISOString()
		},
		snapshot: fromYdoc(control, board),
		state: {
			control: base64(Y.encodeStateAsUpdate(control)),
			board: base64(Y.encodeStateAsUpdate(board))
		}
	};
}
