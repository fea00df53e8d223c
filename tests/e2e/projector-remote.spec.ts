// The projector's remote on the console: the facilitator's laptop drives the projector on the
// second screen (the QR code, the pages and their automatic turning) without reaching its
// keyboard. Two browser contexts: the console at 1366×768 and the projector at 1920×1080.
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addNote } from '../../src/lib/board';
import { newPage, SIZES } from './helpers';

const SHOTS = 'tests/e2e/screenshots/projector-remote';
const COLUMNS = ['wie-aanwezig', 'wat-gebeurt', 'wat-aanwezig', 'wie-werkt', 'wat-leeft'];

type Created = {
	id: string;
	joinCode: string;
	facilitatorKey: string;
	urls: { facilitator: string; projector: string };
};

const pageOf = async (projector: Page) => {
	const text = (await projector.getByTestId('projector-page').textContent())!.trim();
	const [page, total] = text.split('/').map(Number);
	return { page: page!, total: total! };
};

test('the console shows the QR code on the projector and turns its pages', async ({
	browser,
	request,
	baseURL
}) => {
	test.setTimeout(240_000);
	const created = (await (
		await request.post('/api/rooms', {
			data: { workshop: 'visievorming-zorgzame-buurten', title: 'Zorgzame buurt Heverlee' }
		})
	).json()) as Created;
	const facilitator = await newPage(browser, 'laptop');
	const console_ = facilitator.page;
	await console_.goto(created.urls.facilitator);
	await expect(console_.getByTestId('console')).toBeVisible();
	const projector = (await newPage(browser, 'projector')).page;
	await projector.goto(created.urls.projector);
	await expect(projector.getByTestId('projector')).toBeVisible();
	const remote = console_.getByTestId('projector-remote');
	const join = remote.getByTestId('remote-join');

	// Step 1: the QR code is large; the console can take it away and bring it back.
	await expect(projector.getByTestId('join-panel')).toBeVisible();
	await expect(join).toHaveText('Verberg de QR-code op het scherm');
	await join.click();
	await expect(projector.getByTestId('join-bar')).toContainText(created.joinCode);
	await expect(projector.getByTestId('join-panel')).toHaveCount(0);
	await expect(join).toHaveText('Toon de QR-code op het scherm');

	// Later steps: the slim bar; the console brings the QR code back until the next step.
	await console_.getByTestId('agenda-step').filter({ hasText: 'Denkoefening' }).click();
	await expect(projector.getByTestId('step-title')).toHaveText('Denkoefening');
	await expect(projector.getByTestId('join-panel')).toHaveCount(0);
	// From the keyboard: the remote's buttons are reached with Tab and pressed with Enter.
	await join.focus();
	await console_.keyboard.press('Enter');
	await expect(projector.getByTestId('join-panel')).toBeVisible();
	await expect(projector.getByTestId('join-panel')).toContainText(created.joinCode);
	await expect(join).toHaveText('Verberg de QR-code op het scherm');
	// The projector's own key still works, and the last one pressed wins.
	await projector.keyboard.press('j');
	await expect(projector.getByTestId('join-panel')).toHaveCount(0);
	await join.click();
	await join.click();
	await expect(projector.getByTestId('join-panel')).toBeVisible();

	// Far more cards than one screen holds: the projector pages them.
	const wsBase = baseURL!.replace(/^http/, 'ws');
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsBase}/sync`, `${created.id}/board`, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { key: created.facilitatorKey },
		disableBc: true
	});
	await expect.poll(() => provider.synced, { timeout: 30_000 }).toBe(true);
	doc.transact(() => {
		for (let i = 0; i < 90; i++)
			addNote(doc, {
				id: `kaart-${i}`,
				text: `Kaartje ${i + 1}: een buurthuis waar iedereen binnenloopt voor koffie, een babbel en hulp bij de papieren`,
				step: 'denkoefening',
				column: COLUMNS[i % COLUMNS.length]!,
				author: 'facilitator',
				authorName: '',
				created: Date.now() + i
			});
	});
	await expect(projector.getByTestId('projector-pager')).toBeVisible({ timeout: 20_000 });
	const { total } = await pageOf(projector);
	expect(total).toBeGreaterThan(2);

	// Paging paused from the console: the projector says so and stays on its page.
	const paging = remote.getByTestId('remote-paging');
	await expect(paging).toHaveText('Stop het automatisch bladeren');
	await paging.click();
	await expect(paging).toHaveText('Blader weer automatisch');
	await expect(remote.getByTestId('remote-state')).toContainText('bladert niet meer vanzelf');
	await expect(projector.getByTestId('projector-paging-paused')).toHaveText('bladeren gepauzeerd');
	const held = (await pageOf(projector)).page;
	await remote.getByTestId('remote-next-page').click();
	const next = (held % total) + 1;
	await expect(projector.getByTestId('projector-page')).toHaveText(`${next}/${total}`);
	await remote.getByTestId('remote-previous-page').click();
	await expect(projector.getByTestId('projector-page')).toHaveText(`${held}/${total}`);
	// Two quick presses turn two pages.
	await remote.getByTestId('remote-next-page').click();
	await remote.getByTestId('remote-next-page').click();
	const twoOn = ((held + 1) % total) + 1;
	await expect(projector.getByTestId('projector-page')).toHaveText(`${twoOn}/${total}`);
	// Longer than a page is shown when paging runs (15 s): it stays.
	await projector.waitForTimeout(17_000);
	await expect(projector.getByTestId('projector-page')).toHaveText(`${twoOn}/${total}`);
	for (const size of ['projector', 'laptop', 'phone'] as const) {
		await console_.setViewportSize(SIZES[size]);
		await remote.scrollIntoViewIfNeeded();
		await console_.screenshot({
			path: `${SHOTS}/console-${SIZES[size].width}x${SIZES[size].height}.png`
		});
	}
	await console_.setViewportSize(SIZES.laptop);
	await projector.screenshot({ path: `${SHOTS}/projector-paused-1920x1080.png` });

	// A reloaded projector turns nothing by itself for turns it missed, and follows from there.
	await projector.reload();
	await expect(projector.getByTestId('projector-page')).toHaveText(`1/${total}`, {
		timeout: 20_000
	});
	await expect(projector.getByTestId('projector-paging-paused')).toBeVisible();
	await remote.getByTestId('remote-next-page').click();
	await expect(projector.getByTestId('projector-page')).toHaveText(`2/${total}`);

	// Resumed: the pages turn by themselves again.
	await paging.click();
	await expect(projector.getByTestId('projector-paging-paused')).toHaveCount(0);
	await expect(projector.getByTestId('projector-page')).toHaveText(`3/${total}`, {
		timeout: 20_000
	});
	await projector.screenshot({ path: `${SHOTS}/projector-qr-pages-1920x1080.png` });

	// The next step: the QR code goes back to the slim bar.
	await console_.getByTestId('next-step').click();
	await expect(projector.getByTestId('step-title')).not.toHaveText('Denkoefening');
	await expect(projector.getByTestId('join-panel')).toHaveCount(0);
	await expect(join).toHaveText('Toon de QR-code op het scherm');

	provider.destroy();
	await facilitator.context.close();
	await projector.context().close();
});
