// A complete, versioned export of a room: readable (the snapshot) and exact (the Yjs states,
// from which an import rebuilds the room on another server).
import * as v from 'valibot';
import type { RoomSnapshot } from '../board';

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
