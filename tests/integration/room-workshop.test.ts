// A room keeps the workshop it began with: an edited file is taken up while the room's steps
// stay the same; a file with other steps, or no file at all, leaves the room on its copy.
import { describe, expect, it } from 'vitest';
import { addNote, goToStep, notesRoot } from '../../src/lib/board';
import { roomInfo } from '../../src/lib/server/api';
import { workshopCopy, workshopOfRoom } from '../../src/lib/server/room-workshop';
import { findWorkshop } from '../../src/lib/workshop/catalog';
import type { Workshop } from '../../src/lib/workshop/types';
import { synced, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();
const installed = () => findWorkshop('visievorming-zorgzame-buurten')!;

/** A room whose copy is `copy`, as if it began with that version of the workshop. */
function roomWith(copy: Workshop, workshopId = copy.id) {
	return t.server.app.rooms.create({
		title: 'Kopie',
		workshop: workshopId,
		copy: workshopCopy(copy)
	});
}

describe('the workshop a room runs', () => {
	it('is the installed file while it is the same, or only its texts changed', () => {
		const same = roomWith(installed());
		expect(workshopOfRoom(t.server.app.rooms, same)).toMatchObject({ source: 'installed' });
		const older = structuredClone(installed());
		older.steps[0]!.title.nl = 'Kennismaking (oude titel)';
		const edited = roomWith(older);
		const running = workshopOfRoom(t.server.app.rooms, edited);
		expect(running.source).toBe('installed');
		expect(running.workshop!.steps[0]!.title.nl).toBe(installed().steps[0]!.title.nl);
	});

	it('is the copy when the file now has other steps, and says why', () => {
		const older = structuredClone(installed());
		older.steps.splice(2, 0, { ...older.steps[1]!, id: 'vervallen-stap' });
		const room = roomWith(older);
		const running = workshopOfRoom(t.server.app.rooms, room);
		expect(running.source).toBe('copy');
		expect(running.workshop!.steps.map((s) => s.id)).toContain('vervallen-stap');
		expect(running.note).toMatch(/other steps/);
	});

	it('is the copy when the file is gone: the console and a participant keep working', async () => {
		const gone = { ...structuredClone(installed()), id: 'verdwenen-workshop' };
		const room = roomWith(gone);
		const info = roomInfo(t.server.app, room.id, room.facilitatorKey);
		expect(info).toMatchObject({ workshopSource: 'copy' });
		expect(info.workshopNote).toMatch(/no longer installed/);
		expect(info.workshop.steps.length).toBe(gone.steps.length);

		const anna = t.server.app.rooms.addParticipant(room.id, '', 10);
		const control = t.client(room.id, 'control', room.facilitatorKey);
		const board = t.client(room.id, 'board', anna.key);
		const reader = t.client(room.id, 'board', room.viewerKey);
		await Promise.all([control, board, reader].map(synced));
		goToStep(control.doc, 0, gone.steps.length);
		addNote(board.doc, testNote('nog-steeds', { step: 'kennismaking', author: anna.id }));
		await until(() => notesRoot(reader.doc).has('nog-steeds'), 5000, 'the note under the copy');
	});

	it('says precisely why not when a room from before copies lost its file', () => {
		const room = t.server.app.rooms.create({ title: 'Oud', workshop: 'nooit-geweest' });
		const running = workshopOfRoom(t.server.app.rooms, room);
		expect(running).toMatchObject({ source: 'missing', workshop: null });
		expect(running.note).toMatch(/began before rooms kept a copy/);
		expect(() => roomInfo(t.server.app, room.id, room.facilitatorKey)).toThrow(
			/install the file again/
		);
	});
});
