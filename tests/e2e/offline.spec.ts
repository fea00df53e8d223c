// Bad Wi-Fi: a participant loses the connection, writes, reloads while offline, reconnects.
import { expect, test, type WebSocketRoute } from '@playwright/test';
import {
	addNote,
	expectNoSeriousA11yViolations,
	joinWithLink,
	newPage,
	SIZES,
	startWorkshop
} from './helpers';

test('notes written offline survive a reload and reach the projector on reconnect', async ({
	browser
}) => {
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page);
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(
		(await facilitator.page.getByTestId('open-projector').getAttribute('href'))!
	);

	const participant = await newPage(browser, 'phone');
	let offline = false;
	const open: WebSocketRoute[] = [];
	await participant.context.routeWebSocket(/\/sync\//, (ws) => {
		if (offline) return ws.close({ code: 1006, reason: 'offline' });
		open.push(ws);
		ws.connectToServer();
	});
	await joinWithLink(participant.page, `/join/${joinCode}`);
	await expect(participant.page.getByTestId('connection')).toHaveAttribute('data-status', 'online');

	offline = true;
	for (const ws of open.splice(0)) await ws.close({ code: 1006, reason: 'offline' });
	await expect(participant.page.getByTestId('connection')).not.toHaveAttribute(
		'data-status',
		'online'
	);

	const texts = Array.from({ length: 10 }, (_, i) => `Offline idee ${i + 1}`);
	for (const text of texts) await addNote(participant.page, text);
	await expect(participant.page.getByTestId('unsent')).toBeVisible();

	let askedBeforeLeaving = false;
	participant.page.on('dialog', (dialog) => {
		askedBeforeLeaving ||= dialog.type() === 'beforeunload';
		void dialog.accept();
	});
	await participant.page.reload();
	expect(askedBeforeLeaving, 'leaving with unsent changes asks for confirmation').toBe(true);
	await expect(participant.page.getByTestId('my-note')).toHaveCount(10);
	await expect(participant.page.getByTestId('unsent')).toBeVisible();
	await expect(projector.page.getByTestId('note')).toHaveCount(0);

	offline = false;
	await expect(projector.page.getByTestId('note')).toHaveCount(10, { timeout: 20_000 });
	await expect(participant.page.getByTestId('unsent')).toHaveCount(0);
	await expect(participant.page.getByTestId('connection')).toHaveAttribute('data-status', 'online');

	for (const session of [facilitator, projector, participant]) await session.context.close();
});

test('a step whose code could not load says so, and shows when tried again', async ({
	browser
}) => {
	const facilitator = await newPage(browser, 'laptop');
	const desk = facilitator.page;
	const { joinCode } = await startWorkshop(desk, '', {
		workshop: 'Resoluties over solidaire zorg'
	});

	// The Wi-Fi drops exactly the phone's voting code, every time it is asked for, until it is back.
	// No service worker: it would answer from its cache, out of the route's reach.
	const context = await browser.newContext({
		viewport: SIZES.phone,
		isMobile: true,
		hasTouch: true,
		serviceWorkers: 'block'
	});
	const phone = { context, page: await context.newPage() };
	let dropVoting = true;
	await phone.page.route('**/_app/immutable/**/*.js', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (dropVoting && body.includes('vote-mine')) return route.abort('internetdisconnected');
		return route.fulfill({ response, body });
	});
	await joinWithLink(phone.page, `/join/${joinCode}`, 'Rita Vandenbroucke');
	const title = 'Thema 1: ruimte om elkaar te ontmoeten';
	await desk.getByTestId('agenda-step').filter({ hasText: title }).click();
	await expect(phone.page.getByTestId('step-title')).toHaveText(title);
	await expect(phone.page.getByTestId('step-load-failed')).toContainText('kon niet laden');
	await expectNoSeriousA11yViolations(phone.page, 'a step whose code could not load');
	await phone.page.screenshot({ path: 'tests/e2e/screenshots/phone-step-load-failed.png' });

	dropVoting = false;
	await phone.page.getByRole('button', { name: 'Opnieuw proberen' }).click();
	await expect(phone.page.getByTestId('vote').first()).toBeVisible();
	await expect(phone.page.getByTestId('step-load-failed')).toHaveCount(0);
	for (const { context } of [facilitator, phone]) await context.close();
});
