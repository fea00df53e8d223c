// Bad Wi-Fi: a participant loses the connection, writes, reloads while offline, reconnects.
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { addNote, joinWithLink, newPage, startWorkshop } from './helpers';

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
