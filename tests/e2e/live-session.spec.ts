// The live session's details, with several real browsers and the real sync server: undo stays in
// the step and in one's own work, timers follow the server's clock on a phone whose clock is seven
// minutes behind, the break shows when we continue, a late note is told so, unsent text survives
// moving on and locking, the console sees who is still typing, and checklist answers stay the
// facilitator's while participants propose.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { notesFromYdoc, startTimer } from '../../src/lib/board';
import { SIZES } from './helpers';

const WORKSHOP = 'visievorming-zorgzame-buurten';
const SHOTS = 'tests/e2e/screenshots/live-session';
const SKEW = -7 * 60_000;

type Created = {
	id: string;
	joinCode: string;
	facilitatorKey: string;
	viewerKey: string;
	urls: { facilitator: string; projector: string; join: string };
};

function connect(base: string, roomId: string, docName: string, key: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		`${base.replace(/^http/, 'ws')}/sync`,
		`${roomId}/${docName}`,
		doc,
		{
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			params: { key },
			disableBc: true
		}
	);
	return { doc, provider };
}

/** A phone whose own clock is `skew` ms off (the browser's Date only; the network is real). */
async function phone(
	browser: import('@playwright/test').Browser,
	skew = 0
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		viewport: SIZES.phone,
		isMobile: true,
		hasTouch: true,
		deviceScaleFactor: 1
	});
	if (skew) {
		await context.addInitScript((offset: number) => {
			const RealDate = Date;
			const realNow = RealDate.now.bind(RealDate);
			class SkewedDate extends RealDate {
				constructor(...args: unknown[]) {
					if (args.length === 0) super(realNow() + offset);
					else super(...(args as [string]));
				}
				static now() {
					return realNow() + offset;
				}
			}
			globalThis.Date = SkewedDate as DateConstructor;
		}, skew);
	}
	return { context, page: await context.newPage() };
}

async function setup(
	browser: import('@playwright/test').Browser,
	request: import('@playwright/test').APIRequestContext,
	options: { skew?: number; name?: string; title?: string } = {}
) {
	const created = (await (
		await request.post('/api/rooms', {
			data: { workshop: WORKSHOP, title: options.title ?? 'Zorgzame buurt Wijgmaal' }
		})
	).json()) as Created;
	const desk = await browser.newContext({ viewport: SIZES.laptop, deviceScaleFactor: 1 });
	const consolePage = await desk.newPage();
	consolePage.on('pageerror', (error) => console.log(`console page error: ${error.message}`));
	await consolePage.goto(created.urls.facilitator);
	await expect(consolePage.getByTestId('console')).toBeVisible();
	const p = await phone(browser, options.skew ?? 0);
	await p.page.goto(created.urls.join);
	if (options.name) await p.page.getByTestId('join-name').fill(options.name);
	await p.page.getByTestId('join-submit').click();
	await expect(p.page.getByTestId('step-title')).toBeVisible();
	return { created, console: consolePage, phone: p.page, contexts: [desk, p.context] };
}

test.describe('live session', () => {
	test('undo takes back only one’s own last change, and never in an earlier step', async ({
		browser,
		request,
		baseURL
	}) => {
		const s = await setup(browser, request, { name: 'Rosalie' });
		const { phone: ph, console: desk } = s;
		const undo = ph.getByRole('button', { name: 'Ongedaan maken' });
		await expect(undo).toBeHidden();
		await ph.getByTestId('note-input').fill('Ik ben Rosalie, vrijwilliger in de buurt.');
		await ph.getByTestId('note-submit').click();
		await expect(ph.getByTestId('my-note')).toHaveCount(1);
		await expect(undo).toBeVisible();

		await desk.getByTestId('next-step').click();
		await expect(ph.getByTestId('step-title')).toContainText('verwacht', { ignoreCase: true });
		// Nothing written in this step: nothing to undo here.
		await expect(undo).toBeHidden();
		await ph.getByTestId('note-input').fill('Dat we samen iets beginnen.');
		await ph.getByTestId('note-submit').click();
		await expect(undo).toBeVisible();
		await undo.click();
		await expect(ph.getByTestId('my-note')).toHaveCount(0);
		// The second press that used to delete step 1's card is not there to press.
		await expect(undo).toBeHidden();

		const board = connect(baseURL!, s.created.id, 'board', s.created.facilitatorKey);
		await expect
			.poll(() => notesFromYdoc(board.doc).map((n) => n.text))
			.toEqual(['Ik ben Rosalie, vrijwilliger in de buurt.']);
		board.provider.destroy();
		for (const context of s.contexts) await context.close();
	});

	test('a phone seven minutes behind shows the right time, the pause and the break', async ({
		browser,
		request,
		baseURL
	}) => {
		const s = await setup(browser, request, { skew: SKEW, name: 'Jef' });
		const { phone: ph, console: desk } = s;
		// Who and where: the session title and the name they joined with.
		await expect(ph.getByTestId('session-title')).toHaveText('Zorgzame buurt Wijgmaal');
		await expect(ph.getByTestId('joined-as')).toHaveText('Je doet mee als Jef');

		await desk.locator('#timer-minutes').fill('10');
		await desk.getByTestId('timer-start').click();
		const timer = ph.getByTestId('timer');
		await expect(timer).toHaveText(/(10:00|9:[45]\d)/);
		await ph.screenshot({ path: `${SHOTS}/phone-timer-skewed.png` });

		// A paused timer says so.
		await desk.getByRole('button', { name: 'Pauzeer' }).click();
		await expect(ph.getByTestId('timer-paused')).toHaveText('Gepauzeerd');
		await desk.getByRole('button', { name: 'Hervat' }).click();
		await expect(ph.getByTestId('timer-paused')).toBeHidden();

		// The break: its end time on the phone's own clock face, and not the old step's title.
		await desk.getByTestId('toggle-pause').click();
		const pause = ph.getByTestId('pause-screen');
		await expect(pause).toContainText('Even pauze');
		const expected = await ph.evaluate(() =>
			[0, 1, -1].map((m) =>
				new Intl.DateTimeFormat('nl-BE', { hour: '2-digit', minute: '2-digit' }).format(
					new Date(Date.now() + (10 + m) * 60_000)
				)
			)
		);
		const until = (await ph.getByTestId('pause-until').textContent()) ?? '';
		expect(
			expected.some((time) => until.includes(time)),
			`${until} in ${expected}`
		).toBe(true);
		await expect(ph.getByTestId('step-title')).toBeHidden();
		await expect(ph).toHaveTitle(/^Even pauze/);
		await ph.screenshot({ path: `${SHOTS}/phone-break.png` });
		await desk.getByTestId('toggle-pause').click();

		// Time is up; a note is still welcome, and the participant is told, gently.
		const control = connect(baseURL!, s.created.id, 'control', s.created.facilitatorKey);
		await expect.poll(() => control.provider.synced).toBe(true);
		startTimer(control.doc, 1000, Date.now());
		await expect(timer).toHaveAttribute('data-time-up', 'true');
		await ph.getByTestId('note-input').fill('Nog snel: de bakker kent iedereen.');
		await ph.getByTestId('note-submit').click();
		await expect(ph.getByTestId('late-note')).toContainText('ook al is de tijd om');
		await expect(ph.getByTestId('my-note')).toHaveCount(1);
		await ph.screenshot({ path: `${SHOTS}/phone-late-note.png` });
		control.provider.destroy();
		for (const context of s.contexts) await context.close();
	});
	test('unsent text survives moving on, an info step and the lock; the console sees typing', async ({
		browser,
		request
	}) => {
		const s = await setup(browser, request, { name: 'Griet' });
		const { phone: ph, console: desk } = s;
		const half = 'Ik werk als thuisverpleegkundige en ik kom in veel';
		await ph.getByTestId('note-input').fill(half);
		await expect(desk.getByTestId('console-typing')).toHaveText('1 persoon typt nog');
		await desk.screenshot({ path: `${SHOTS}/console-typing-1366.png` });

		// The next question starts empty: nothing carried over.
		await desk.getByTestId('next-step').click();
		await expect(ph.getByTestId('step-title')).toContainText('verwacht', { ignoreCase: true });
		await expect(ph.getByTestId('note-input')).toHaveValue('');
		await expect(desk.getByTestId('console-typing')).toBeHidden();

		// An info step: the projector's text on the phone too.
		await desk.getByTestId('next-step').click();
		await expect(ph.getByTestId('info-text')).toBeVisible();
		expect(((await ph.getByTestId('info-text').textContent()) ?? '').length).toBeGreaterThan(40);
		await ph.screenshot({ path: `${SHOTS}/phone-info.png`, fullPage: true });

		// Back to the first step: the half-typed text is offered back.
		await desk.getByTestId('agenda-step').first().click();
		await expect(ph.getByTestId('note-input')).toHaveValue(half);
		await expect(ph.getByTestId('unsent-kept')).toBeVisible();
		await expect(desk.getByTestId('console-typing')).toHaveText('1 persoon typt nog');

		// Locked: read-only, marked "niet verstuurd", and still there after a reload.
		await desk.getByTestId('toggle-lock').click();
		await expect(ph.getByTestId('unsent-locked')).toContainText('Niet verstuurd');
		await expect(ph.getByTestId('unsent-locked')).toContainText(half);
		await ph.reload();
		await expect(ph.getByTestId('unsent-locked')).toContainText(half);
		await ph.screenshot({ path: `${SHOTS}/phone-locked-unsent.png` });
		await desk.getByTestId('toggle-lock').click();
		await ph.getByTestId('note-submit').click();
		await expect(ph.getByTestId('my-note')).toHaveCount(1);
		await expect(ph.getByTestId('note-input')).toHaveValue('');
		await ph.reload();
		await expect(ph.getByTestId('note-input')).toHaveValue('');
		for (const context of s.contexts) await context.close();
	});

	test('a half-written action survives moving on and a reload, and is gone once proposed', async ({
		browser,
		request
	}) => {
		const s = await setup(browser, request, { name: 'Griet' });
		const { phone: ph, console: desk } = s;
		const actionStep = desk.getByTestId('agenda-step').filter({ hasText: 'Aan de slag' });
		await actionStep.click();
		await expect(ph.getByTestId('step-title')).toHaveText('Aan de slag');
		const form = ph.getByTestId('action-form');
		const title = 'Een buurtcomité voor mantelzorgers en hun ondersteuners';
		await form.getByTestId('action-title').fill(title);
		await form.getByTestId('action-lead').fill('Dienstencentrum De Wegwijzer');
		await expect(desk.getByTestId('console-typing')).toHaveText('1 persoon typt nog');

		// Another step and back, then a reload: the fields come back as they were left.
		await desk.getByTestId('agenda-step').first().click();
		await expect(ph.getByTestId('note-input')).toHaveValue('');
		await actionStep.click();
		await ph.reload();
		await expect(form.getByTestId('action-title')).toHaveValue(title);
		await expect(form.getByTestId('action-lead')).toHaveValue('Dienstencentrum De Wegwijzer');

		// Proposed: the form is empty, also after a reload, and nobody is typing any more.
		await form.getByTestId('action-submit').click();
		await expect(ph.getByTestId('group-action')).toHaveCount(1);
		await expect(desk.getByTestId('console-typing')).toBeHidden();
		await ph.reload();
		if (!(await form.isVisible())) await ph.getByTestId('action-form-toggle').click();
		await expect(form.getByTestId('action-title')).toHaveValue('');
		await expect(form.getByTestId('action-lead')).toHaveValue('');
		for (const context of s.contexts) await context.close();
	});

	test('the facilitator keeps the checklist answer; participants propose, disagreement shows', async ({
		browser,
		request
	}) => {
		const s = await setup(browser, request, { name: 'Bart' });
		const { phone: ph, console: desk } = s;
		await desk.getByTestId('agenda-step').nth(7).click();
		const deskItem = desk.locator('[data-testid="check-item"][data-item="mandaat"]');
		await deskItem.getByTestId('check-partly').check();
		await deskItem.getByTestId('check-note').fill('nog geen budget');
		await deskItem.getByTestId('check-note').press('Enter');

		const phoneItem = ph.locator('[data-testid="check-item"][data-item="mandaat"]');
		await expect(phoneItem.getByTestId('check-group-answer')).toContainText('Deels');
		await expect(phoneItem.getByTestId('check-group-answer')).toContainText('nog geen budget');
		// The tap that once overwrote the facilitator's answer is now a proposal.
		await phoneItem.getByTestId('check-yes').check();
		await expect(phoneItem).toHaveAttribute('data-proposal', 'yes');
		await expect(deskItem.getByTestId('check-proposals')).toContainText('ja 1');
		await expect(deskItem.getByTestId('check-proposals')).toContainText(
			'Niet iedereen is het eens'
		);
		await expect(deskItem).toHaveAttribute('data-answer', 'partly');
		await expect(phoneItem).toHaveAttribute('data-answer', 'partly');
		await expect(ph.getByTestId('refusal')).toHaveCount(0);
		await ph.screenshot({ path: `${SHOTS}/phone-checklist.png`, fullPage: true });
		await desk.screenshot({ path: `${SHOTS}/console-checklist-1366.png` });
		// The participant's page on a laptop and a big screen, the console on a phone.
		for (const size of [SIZES.laptop, SIZES.projector]) {
			await ph.setViewportSize(size);
			await ph.screenshot({ path: `${SHOTS}/participant-checklist-${size.width}.png` });
		}
		await desk.setViewportSize(SIZES.phone);
		await desk.screenshot({ path: `${SHOTS}/console-checklist-390.png` });
		for (const context of s.contexts) await context.close();
	});

	test('dot voting shows how many have voted; the console fits 1366 and 1920', async ({
		browser,
		request
	}) => {
		const s = await setup(browser, request, { name: 'Wannes' });
		const { phone: ph, console: desk } = s;
		await desk.getByTestId('agenda-step').nth(3).click();
		await ph.getByTestId('note-input').fill('Een bank op het plein');
		await ph.getByTestId('note-submit').click();
		await expect(desk.getByTestId('vote-progress')).toBeHidden();
		await desk.getByTestId('toggle-voting').click();
		await expect(desk.getByTestId('vote-progress')).toHaveText('0 van 1 hebben gestemd');
		await ph.getByTestId('dot-add').first().click();
		await expect(desk.getByTestId('vote-progress')).toHaveText('1 van 1 hebben gestemd');
		for (const size of [SIZES.laptop, SIZES.projector]) {
			await desk.setViewportSize(size);
			const agenda = desk.locator('.agenda');
			const box = (await agenda.boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			const clipped = await desk.evaluate(() => {
				const width = document.documentElement.clientWidth;
				return [...document.querySelectorAll('.agenda button, .layout > *')]
					.filter((el) => {
						const r = el.getBoundingClientRect();
						return r.right > width + 1 || r.left < -1 || el.scrollWidth > el.clientWidth + 1;
					})
					.map((el) => (el.textContent ?? '').trim().slice(0, 40));
			});
			expect(clipped).toEqual([]);
			await desk.screenshot({ path: `${SHOTS}/console-voting-${size.width}.png` });
		}
		for (const context of s.contexts) await context.close();
	});
});
