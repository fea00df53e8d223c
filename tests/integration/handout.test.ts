// Paper beside phones: the A4 handout of a session, printed by the server's Chromium.
import { describe, expect, it } from 'vitest';
import { joinRoom } from '../../src/lib/server/api';
import { handoutHtml, roomHandout } from '../../src/lib/server/handout';
import { HttpError } from '../../src/lib/server/http';
import { useTestServer } from '../helpers/server';

const t = useTestServer();
const WORKSHOP = 'visievorming-zorgzame-buurten';

describe('the paper handout', () => {
	it('holds the join code, every question and the building blocks, and no key', async () => {
		const app = t.server.app;
		const room = app.rooms.create({ title: 'Buurt Kwatrecht', workshop: WORKSHOP });
		const html = await handoutHtml(app, room.id, 'nl', 'https://vwp.example');
		expect(html).toContain(room.joinCode);
		expect(html).toContain('<svg');
		expect(html).toContain('Waar willen we naartoe?');
		expect(html).toContain('Detectie');
		expect(html).not.toContain(room.facilitatorKey);
		expect(html).not.toContain(room.viewerKey);
		expect(html).not.toContain(room.id);
	});

	it('is a PDF for the facilitator and viewer keys only', async () => {
		const app = t.server.app;
		const room = app.rooms.create({ title: 'Buurt <b>Kwatrecht</b>', workshop: WORKSHOP });
		const joined = joinRoom(app, { code: room.joinCode, name: '' }, '10.0.0.1');
		const refused = async (key: string) => {
			try {
				await roomHandout(app, room.id, key, 'html', 'nl', 'https://vwp.example');
				return 200;
			} catch (error) {
				if (!(error instanceof HttpError)) throw error;
				return error.status;
			}
		};
		expect(await refused(joined.participantKey)).toBe(403);
		expect(await refused('wrong')).toBe(401);
		const html = await roomHandout(
			app,
			room.id,
			room.viewerKey,
			'html',
			'nl',
			'https://vwp.example'
		);
		expect(String(html.body)).toContain('Buurt &#60;b&#62;Kwatrecht');
		expect(String(html.body)).not.toContain('<b>Kwatrecht');
		const pdf = await roomHandout(
			app,
			room.id,
			room.facilitatorKey,
			'pdf',
			'nl',
			'https://vwp.example'
		);
		expect(pdf.contentType).toBe('application/pdf');
		expect(
			Buffer.from(pdf.body as Uint8Array)
				.subarray(0, 5)
				.toString()
		).toBe('%PDF-');
	}, 60_000);
});
