// Issue 17: feedback to residents. A filled session (imported) publishes its page from the
// console; the page shows the vision, themes and plan and holds no key of any role and no name;
// a participant who reopens their link finds it; unpublished, the address says so.
import { expect, test, type APIRequestContext } from '@playwright/test';
import * as Y from 'yjs';
import {
	addNote,
	createCluster,
	moveToCluster,
	proposeAction,
	setActionStatus,
	setSynthesis
} from '../../src/lib/board';
import { newPage, SIZES, type Size } from './helpers';

const base64 = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
const created = Date.UTC(2026, 10, 3, 10);

/** A session of the main workshop with a vision, a theme and a plan, imported as a new room. */
async function filledRoom(request: APIRequestContext) {
	const control = new Y.Doc();
	const board = new Y.Doc();
	setSynthesis(control, 'vision', 'Kwatrecht wil een buurt waar niemand alleen staat.');
	const note = (id: string, step: string, text: string) =>
		addNote(board, { id, step, text, author: 'p1', authorName: 'Marieke Janssens', created });
	note('v1', 'visie', 'Iedereen kent iemand in de straat');
	note('v2', 'visie', 'De buurt zorgt voor wie alleen is');
	createCluster(board, { id: 'c1', step: 'beeld', title: 'Ontmoeting', created });
	note('b1', 'beeld', 'Een bank op het plein');
	moveToCluster(board, 'b1', 'c1');
	proposeAction(board, {
		id: 'a1',
		step: 'aan-de-slag',
		author: 'p1',
		created,
		title: 'Buurtfeest in juni',
		block: 'sociale-netwerken',
		lead: 'Jan Peeters',
		partners: 'OCMW'
	});
	setActionStatus(board, 'a1', 'confirmed');
	const response = await request.post('/api/rooms/import', {
		data: {
			format: 'visiewerkplaats-room',
			version: 1,
			room: {
				title: 'Buurt Kwatrecht',
				workshop: 'visievorming-zorgzame-buurten',
				createdAt: new Date(created).toISOString()
			},
			snapshot: {},
			state: { control: base64(control), board: base64(board) }
		}
	});
	expect(response.status()).toBe(201);
	return (await response.json()) as {
		id: string;
		joinCode: string;
		facilitatorKey: string;
		viewerKey: string;
		urls: { facilitator: string };
	};
}

test('the console publishes a page for residents without keys or names; participants find it; unpublished it is gone', async ({
	browser,
	request
}) => {
	const room = await filledRoom(request);
	const joined = await (
		await request.post('/api/join', { data: { code: room.joinCode, name: 'Marieke Janssens' } })
	).json();

	const facilitator = await newPage(browser, 'laptop');
	await facilitator.page.goto(room.urls.facilitator);
	await expect(facilitator.page.getByTestId('console')).toBeVisible();
	await facilitator.page.getByText('Terugkoppeling aan de bewoners').click();
	await facilitator.page.getByTestId('feedback-publish').click();
	await expect(facilitator.page.getByTestId('feedback-published')).toBeVisible();
	const link = (await facilitator.page.getByTestId('feedback-link').getAttribute('href'))!;
	expect(link).toMatch(/\/terugkoppeling\/[A-Za-z0-9_-]{22}$/);
	await expect(
		facilitator.page.getByTestId('feedback-panel').getByTestId('qr-code')
	).toHaveAttribute('data-url', link);

	// The page as served: the content, and nothing that opens anything or names anyone.
	const html = await (await request.get(link)).text();
	for (const expected of [
		'Kwatrecht wil een buurt waar niemand alleen staat.',
		'Iedereen kent iemand in de straat',
		'Ontmoeting',
		'Buurtfeest in juni'
	])
		expect(html).toContain(expected);
	for (const secret of [
		room.facilitatorKey,
		room.viewerKey,
		joined.participantKey,
		room.joinCode,
		room.id,
		'Marieke',
		'Jan Peeters'
	])
		expect(html, secret).not.toContain(secret);

	// A participant who reopens their link finds the page.
	const participant = await newPage(browser, 'phone');
	await participant.page.goto('/');
	await participant.page.evaluate(
		({ roomId, membership }) =>
			localStorage.setItem(`visiewerkplaats:${roomId}:participant`, JSON.stringify(membership)),
		{
			roomId: room.id,
			membership: {
				participantId: joined.participantId,
				key: joined.participantKey,
				name: joined.name
			}
		}
	);
	await participant.page.goto(`/r/${room.id}/deelnemer`);
	await expect(participant.page.getByTestId('feedback-notice-link')).toHaveAttribute('href', link);
	await participant.page.getByTestId('feedback-notice-link').click();
	await expect(participant.page.getByTestId('feedback-title')).toHaveText('Buurt Kwatrecht');

	for (const size of Object.keys(SIZES) as Size[]) {
		await participant.page.setViewportSize(SIZES[size]);
		await participant.page.screenshot({
			path: `tests/e2e/screenshots/feedback-${size}.png`,
			fullPage: true
		});
	}

	await facilitator.page.getByTestId('feedback-unpublish').click();
	await expect(facilitator.page.getByTestId('feedback-publish')).toBeVisible();
	const gone = await request.get(link);
	expect(gone.status()).toBe(404);
	expect(await gone.text()).toContain('niet (meer) beschikbaar');
	await participant.page.goto(`/r/${room.id}/deelnemer`);
	await expect(participant.page.getByTestId('step-title')).toBeVisible();
	await expect(participant.page.getByTestId('feedback-notice')).toHaveCount(0);
	for (const s of [facilitator, participant]) await s.context.close();
});
