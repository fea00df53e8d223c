// Export → import keeps everything a report says about the session: its date, its variant (and
// so its length), how many took part, and every contribution. Against a real server's app
// (SQLite in a temporary folder), through the same functions the HTTP routes call.
import * as v from 'valibot';
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { RoomExportSchema } from '../../src/lib/report/export';
import { HttpError } from '../../src/lib/server/http';
import { importRoom } from '../../src/lib/server/import';
import { roomReport } from '../../src/lib/server/report';
import { useTestServer } from '../helpers/server';
import { SESSION_CREATED_AT, sessionRoom } from '../fixtures/report-session';

const t = useTestServer();
const WORKSHOP = 'visievorming-zorgzame-buurten';

/** A room of the short variant with the realistic session on its board and 3 who joined. */
function sessionOnServer() {
	const { app } = t.server;
	const room = app.rooms.create({
		title: 'Zorgzame buurten Kortemark',
		workshop: WORKSHOP,
		variant: '60',
		createdAt: SESSION_CREATED_AT
	});
	const { control, board } = sessionRoom();
	app.store.append(room.id, 'control', 1, Y.encodeStateAsUpdate(control));
	app.store.append(room.id, 'board', 1, Y.encodeStateAsUpdate(board));
	for (const name of ['An', 'Bart', '']) app.rooms.addParticipant(room.id, name, 100);
	return room;
}

const text = async (roomId: string, key: string, format: 'md' | 'json', names = false) =>
	String((await roomReport(t.server.app, roomId, key, format, { locale: 'nl', names })).body);

it('keeps the date, the variant, the length and the number of participants', async () => {
	const room = sessionOnServer();
	// With names and introductions (a move to another server): else those stay behind, and the
	// imported room has fewer contributions, as it should.
	const exported = JSON.parse(await text(room.id, room.facilitatorKey, 'json', true));
	expect(exported.room).toMatchObject({
		createdAt: new Date(SESSION_CREATED_AT).toISOString(),
		variant: '60',
		minutes: 60,
		participants: 3
	});
	// Through the schema the import route reads its body with.
	const imported = importRoom(t.server.app, v.parse(RoomExportSchema, exported), 'http://x');
	const copy = t.server.app.rooms.get(imported.id)!;
	expect(copy.createdAt).toBe(SESSION_CREATED_AT);
	expect(copy.variant).toBe('60');

	const before = await text(room.id, room.facilitatorKey, 'md');
	const after = await text(imported.id, imported.facilitatorKey, 'md');
	expect(after).toContain('**Datum:** 19 november 2026');
	expect(after).toContain('**Versie:** Korte sessie (1 uur)');
	expect(after).toContain('**Duur:** 60 minuten');
	expect(after).toContain('**Deelnemers:** 3');
	// The whole report reads the same.
	expect(after).toBe(before);

	// And a second export of the imported room carries the same again.
	const again = JSON.parse(await text(imported.id, imported.facilitatorKey, 'json'));
	expect(again.room).toMatchObject({ variant: '60', minutes: 60, participants: 3 });
});

it('refuses a variant the workshop does not have here, and a date that is no date, with 400', async () => {
	const room = sessionOnServer();
	const exported = JSON.parse(await text(room.id, room.facilitatorKey, 'json'));
	const unknown = { ...exported, room: { ...exported.room, variant: 'drie-dagen' } };
	const failure = (() => {
		try {
			importRoom(t.server.app, v.parse(RoomExportSchema, unknown), '');
		} catch (error) {
			return error;
		}
	})();
	expect(failure).toBeInstanceOf(HttpError);
	expect((failure as HttpError).status).toBe(400);
	expect((failure as HttpError).message).toMatch(/room\.variant: .*no variant "drie-dagen"/);
	const badDate = { ...exported, room: { ...exported.room, createdAt: 'gisteren' } };
	expect(v.safeParse(RoomExportSchema, badDate).issues?.[0]?.message).toMatch(
		/room\.createdAt must be an ISO date/
	);
});
