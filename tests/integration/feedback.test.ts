// Feedback to residents against a real server on port 0: a session filled by raw clients, the
// page published, checked to hold no key of any role and no name, unpublished, published again
// at the same address, and gone with the room. (The page itself: tests/e2e/workspace.spec.ts.)
import { describe, expect, it } from 'vitest';
import { actionsFromYdoc, controlFromYdoc } from '../../src/lib/board';
import { joinRoom } from '../../src/lib/server/api';
import { loadDoc } from '../../src/lib/server/report';
import {
	feedbackState,
	publishedFeedback,
	publishFeedback,
	unpublishFeedback
} from '../../src/lib/server/feedback';
import { HttpError } from '../../src/lib/server/http';
import { fillSession } from '../helpers/session-content';
import { synced, until, useTestServer } from '../helpers/server';

const t = useTestServer();
const WORKSHOP = 'visievorming-zorgzame-buurten';

function statusOf(run: () => unknown): number {
	try {
		run();
		return 200;
	} catch (error) {
		if (!(error instanceof HttpError)) throw error;
		return error.status;
	}
}

async function filledRoom() {
	const app = t.server.app;
	const room = app.rooms.create({ title: 'Buurt Kwatrecht', workshop: WORKSHOP });
	const joined = joinRoom(app, { code: room.joinCode, name: 'Marieke Janssens' }, '10.0.0.1');
	const board = t.client(room.id, 'board', room.facilitatorKey);
	const control = t.client(room.id, 'control', room.facilitatorKey);
	await Promise.all([synced(board), synced(control)]);
	fillSession(board, control, 'k', {
		authorName: 'Marieke Janssens',
		vision: ['Iedereen kent iemand in de straat', 'De buurt zorgt voor wie alleen is'],
		synthesis: 'Kwatrecht wil een buurt waar niemand alleen staat.',
		themes: { Ontmoeting: ['Een bank op het plein', 'Een buurtfeest'] },
		actions: [
			{ title: 'Buurtfeest in juni', block: 'sociale-netwerken', lead: 'Jan Peeters' },
			{ title: 'Babbelbank op het plein', block: 'inclusie', partners: 'OCMW' }
		]
	});
	// Everything the clients wrote is stored (the server appends before it broadcasts).
	await until(
		() =>
			!!controlFromYdoc(loadDoc(app, room.id, 'control')).synthesis.vision &&
			actionsFromYdoc(loadDoc(app, room.id, 'board')).length === 2
	);
	return { room, joined };
}

describe('the feedback page', () => {
	it('holds the vision, themes and plan, and no key of any role nor any name', async () => {
		const { room, joined } = await filledRoom();
		const app = t.server.app;
		expect(feedbackState(app, room.id, room.facilitatorKey)).toEqual({
			published: false,
			id: null,
			publishedAt: null
		});
		const state = publishFeedback(app, room.id, room.facilitatorKey, 'nl');
		expect(state.published).toBe(true);
		expect(state.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		const page = publishedFeedback(app, state.id!)!;
		expect(page.sections.map((s) => s.id)).toEqual(['vision', 'themes', 'plan']);
		const text = JSON.stringify(page);
		for (const expected of [
			'Kwatrecht wil een buurt waar niemand alleen staat.',
			'Iedereen kent iemand in de straat',
			'Ontmoeting',
			'Buurtfeest in juni',
			'OCMW'
		])
			expect(text).toContain(expected);
		for (const secret of [
			room.facilitatorKey,
			room.viewerKey,
			joined.participantKey,
			room.joinCode,
			room.id,
			'Marieke',
			'Janssens',
			'Jan Peeters'
		])
			expect(text, secret).not.toContain(secret);
	});

	it('is published by the facilitator key only; every key of the room may see whether it is', async () => {
		const { room, joined } = await filledRoom();
		const app = t.server.app;
		expect(statusOf(() => publishFeedback(app, room.id, room.viewerKey, 'nl'))).toBe(403);
		expect(statusOf(() => publishFeedback(app, room.id, joined.participantKey, 'nl'))).toBe(403);
		expect(statusOf(() => publishFeedback(app, room.id, 'wrong', 'nl'))).toBe(401);
		const published = publishFeedback(app, room.id, room.facilitatorKey, 'nl');
		expect(feedbackState(app, room.id, joined.participantKey)).toEqual(published);
		expect(statusOf(() => unpublishFeedback(app, room.id, joined.participantKey))).toBe(403);
	});

	it('goes offline when unpublished, comes back at the same address, and goes with the room', async () => {
		const { room, joined } = await filledRoom();
		const app = t.server.app;
		const first = publishFeedback(app, room.id, room.facilitatorKey, 'en');
		expect(publishedFeedback(app, first.id!)?.locale).toBe('en');
		expect(unpublishFeedback(app, room.id, room.facilitatorKey).published).toBe(false);
		expect(publishedFeedback(app, first.id!)).toBeNull();
		expect(feedbackState(app, room.id, joined.participantKey).id).toBeNull();
		const again = publishFeedback(app, room.id, room.facilitatorKey, 'nl');
		expect(again.id).toBe(first.id);
		expect(publishedFeedback(app, first.id!)?.locale).toBe('nl');
		expect(publishedFeedback(app, 'not-an-id')).toBeNull();
		expect(publishedFeedback(app, '../../etc')).toBeNull();
		app.eraseRoom(room.id);
		expect(publishedFeedback(app, first.id!)).toBeNull();
		expect(
			(app.db.prepare('SELECT COUNT(*) AS n FROM feedback_pages').get() as { n: number }).n
		).toBe(0);
	});
});
