// Keys leave the address bar: the console and the projector take their keys from the link they
// were opened with, remember them, and remove them from the address (which is projected,
// photographed and kept in history). A copy button gives the facilitator the link for a bookmark.
import { expect, test, type Page, type Request } from '@playwright/test';
import { newPage, SIZES, startWorkshop, type Size } from './helpers';

type CreatedRoom = {
	id: string;
	facilitatorKey: string;
	viewerKey: string;
	urls: { facilitator: string; projector: string };
};

/** Every request a page makes, to check where keys travel. */
function recordRequests(page: Page): Request[] {
	const requests: Request[] = [];
	page.on('request', (request) => requests.push(request));
	return requests;
}

function expectNoKeyInAddress(page: Page, keys: string[]) {
	const url = page.url();
	expect(url).not.toMatch(/[#&?](key|viewer)=/);
	for (const key of keys) expect(url).not.toContain(key);
}

test('the console and the projector remove their keys from the address, and a reload keeps working', async ({
	browser,
	request
}) => {
	const response = await request.post('/api/rooms', {
		data: { workshop: 'visievorming-zorgzame-buurten', title: 'Sleutels uit de adresbalk' }
	});
	expect(response.status()).toBe(201);
	const room = (await response.json()) as CreatedRoom;
	const keys = [room.facilitatorKey, room.viewerKey];

	const facilitator = await newPage(browser, 'laptop');
	const requests = recordRequests(facilitator.page);
	await facilitator.page.goto(room.urls.facilitator);
	await expect(facilitator.page.getByTestId('console')).toBeVisible();
	expectNoKeyInAddress(facilitator.page, keys);
	expect(new URL(facilitator.page.url()).pathname).toBe(`/r/${room.id}/begeleider`);

	// The history entry itself was replaced: going away and back finds no key either.
	await facilitator.page.goto('/');
	await facilitator.page.goBack();
	await expect(facilitator.page.getByTestId('console')).toBeVisible();
	expectNoKeyInAddress(facilitator.page, keys);

	await facilitator.page.reload();
	await expect(facilitator.page.getByTestId('console')).toBeVisible();
	await expect(facilitator.page.getByTestId('console-join-code')).not.toBeEmpty();
	expectNoKeyInAddress(facilitator.page, keys);

	// API calls carry the key in a header; no HTTP request puts a key in its address (the sync
	// socket keeps ?key=, the documented contract, because browsers cannot set its headers).
	const api = requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/'));
	expect(api.length).toBeGreaterThan(0);
	for (const r of api) expect(r.url()).not.toContain('key=');
	const info = api.find((r) => new URL(r.url()).pathname === `/api/rooms/${room.id}`)!;
	expect(await info.headerValue('authorization')).toBe(`Bearer ${room.facilitatorKey}`);

	// Report links are plain links: they carry the viewer key, never the facilitator key.
	for (const id of ['report-open', 'report-docx', 'report-csv']) {
		const href = (await facilitator.page.getByTestId(id).getAttribute('href'))!;
		expect(href).toContain(`key=${room.viewerKey}`);
		expect(href).not.toContain(room.facilitatorKey);
	}

	const projector = await newPage(browser, 'projector');
	await projector.page.goto(
		(await facilitator.page.getByTestId('open-projector').getAttribute('href'))!
	);
	await expect(projector.page.getByTestId('projector')).toBeVisible();
	expectNoKeyInAddress(projector.page, keys);
	expect(new URL(projector.page.url()).pathname).toBe(`/r/${room.id}/projector`);
	await projector.page.reload();
	await expect(projector.page.getByTestId('projector')).toBeVisible();
	expectNoKeyInAddress(projector.page, keys);

	// The same through the API's projector link, opened directly in a fresh browser.
	const second = await newPage(browser, 'projector');
	await second.page.goto(room.urls.projector);
	await expect(second.page.getByTestId('projector')).toBeVisible();
	expectNoKeyInAddress(second.page, keys);

	for (const session of [facilitator, projector, second]) await session.context.close();
});

test('the console started from the home page has no key in its address', async ({ browser }) => {
	const facilitator = await newPage(browser, 'laptop');
	await startWorkshop(facilitator.page);
	expect(facilitator.page.url()).toMatch(/\/r\/[^/#?]+\/begeleider$/);
	await facilitator.page.reload();
	await expect(facilitator.page.getByTestId('console')).toBeVisible();
	await facilitator.context.close();
});

test('the copy button puts a working console link on the clipboard, by keyboard, and says so', async ({
	browser,
	baseURL
}) => {
	const facilitator = await newPage(browser, 'laptop');
	await facilitator.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: baseURL
	});
	const page = facilitator.page;
	await startWorkshop(page, 'Bladwijzer');
	const joinCode = (await page.getByTestId('console-join-code').textContent())!.trim();

	const button = page.getByRole('button', { name: 'Kopieer de link naar dit bedieningspaneel' });
	await expect(button).toBeVisible();
	await expect(button).toHaveAccessibleDescription(/deel hem met niemand/);
	for (const size of Object.keys(SIZES) as Size[]) {
		await page.setViewportSize(SIZES[size]);
		await page.waitForTimeout(150);
		await page.screenshot({ path: `tests/e2e/screenshots/console-link-${size}.png` });
	}
	await page.setViewportSize(SIZES.laptop);

	// Reached with Tab and pressed with Enter, like any button.
	await page.locator('body').click({ position: { x: 1, y: 1 } });
	let reached = false;
	for (let i = 0; i < 40 && !reached; i++) {
		await page.keyboard.press('Tab');
		reached = await button.evaluate((el) => el === document.activeElement);
	}
	expect(reached).toBe(true);
	await page.keyboard.press('Enter');
	const status = page.getByRole('status').filter({ hasText: 'De link is gekopieerd' });
	await expect(status).toBeVisible();
	await expect(status).toHaveAttribute('data-testid', 'console-link-status');
	await page.screenshot({ path: 'tests/e2e/screenshots/console-link-copied-laptop.png' });

	const link = await page.evaluate(() => navigator.clipboard.readText());
	const url = new URL(link);
	expect(url.pathname).toMatch(/^\/r\/[^/]+\/begeleider$/);
	expect(url.hash).toMatch(/^#key=[^&]+&viewer=[^&]+$/);

	// The link opens the console in a browser that has never seen the room, and then leaves
	// the address bar too.
	const elsewhere = await newPage(browser, 'laptop');
	await elsewhere.page.goto(link);
	await expect(elsewhere.page.getByTestId('console')).toBeVisible();
	await expect(elsewhere.page.getByTestId('console-join-code')).toHaveText(joinCode);
	expect(elsewhere.page.url()).toBe(`${url.origin}${url.pathname}`);
	for (const session of [facilitator, elsewhere]) await session.context.close();
});
