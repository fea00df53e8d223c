// Joining from a QR code on a slow phone: the join page's first response already holds the name
// field, and what is typed and sent before the page's script arrived is not lost.
import { expect, test, type Page, type Route } from '@playwright/test';
import { joinWithLink, newPage, startWorkshop } from './helpers';

const NAME = 'Marie-Josée Vandenbroucke-Verhaeghe';

async function newRoomCode(page: Page): Promise<string> {
	const response = await page.request.post('/api/rooms', {
		data: { workshop: 'visievorming-zorgzame-buurten', title: 'Buurtgesprek Heverlee' }
	});
	expect(response.ok()).toBe(true);
	return ((await response.json()) as { joinCode: string }).joinCode;
}

/** Holds every script of the app back until `release` is called. */
function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	return page
		.route('**/_app/immutable/**/*.js', async (route: Route) => {
			await released;
			await route.continue();
		})
		.then(() => release);
}

test('a name typed and sent before the script arrived joins the room', async ({ browser }) => {
	const phone = await newPage(browser, 'phone');
	const code = await newRoomCode(phone.page);
	const release = await holdScripts(phone.page);
	await phone.page.goto(`/join/${code}`, { waitUntil: 'commit' });

	// No script has run: the field, the button and the code are in the server's answer.
	await expect(phone.page.getByTestId('join-code')).toContainText(code);
	await phone.page.getByTestId('join-name').fill(NAME);
	await phone.page.getByTestId('join-submit').click();
	release();

	await expect(phone.page).toHaveURL(/\/r\/[^/]+\/deelnemer$/);
	await expect(phone.page.getByTestId('joined-as')).toContainText(NAME);
	await expect(phone.page.getByTestId('step-title')).toBeVisible();
	await phone.context.close();
});

test('a name typed before the script arrived is still there when the page starts', async ({
	browser
}) => {
	const phone = await newPage(browser, 'phone');
	const code = await newRoomCode(phone.page);
	const release = await holdScripts(phone.page);
	await phone.page.goto(`/join/${code}`, { waitUntil: 'commit' });
	await phone.page.getByTestId('join-name').fill(NAME);

	release();
	// The page starts (hydrates) and reports it; the typed name survives that.
	await expect(phone.page.locator('main[data-started="true"]')).toBeVisible();
	await expect(phone.page.getByTestId('join-name')).toHaveValue(NAME);
	await phone.page.getByTestId('join-submit').click();
	await expect(phone.page.getByTestId('joined-as')).toContainText(NAME);
	await phone.context.close();
});

test('without script, a wrong code is explained and can be corrected', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const code = await newRoomCode(page);
	await page.goto('/join/QQQ-000');
	await expect(page.getByTestId('join-error')).toContainText('Deze code kennen we niet');
	await page.getByTestId('join-code-input').fill(code.toLowerCase().replace('-', ' '));
	await page.getByTestId('join-retry').click();
	await expect(page).toHaveURL(new RegExp(`/join/${code.replace('-', '')}|/join/${code}`, 'i'));
	await expect(page.getByTestId('join-name')).toBeVisible();
	await expect(page.getByTestId('join-code')).toContainText(code);
	await context.close();
});

test('a phone downloads no console or projector code, not even of the steps it shows', async ({
	browser
}) => {
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page, 'Buurtgesprek Kessel-Lo');
	const phone = await newPage(browser, 'phone');
	const scripts: string[] = [];
	phone.page.on('response', (response) => {
		if (response.url().endsWith('.js')) scripts.push(response.url());
	});
	await joinWithLink(phone.page, `/join/${joinCode}`, 'Jozef');
	// Every kind of step of the workshop, as each comes up and in the background afterwards.
	await facilitator.page.getByTestId('next-step').click();
	await expect(phone.page.getByTestId('step-title')).toContainText('Verwachtingen');
	await phone.page.waitForLoadState('networkidle');
	expect(scripts.length).toBeGreaterThan(10);
	for (const url of scripts) {
		const body = await (await phone.page.request.get(url)).text();
		// The brainstorm console's controls and the projector's hyphenation patterns.
		expect.soft(body, url).not.toContain('console-waiting');
		expect.soft(body, url).not.toContain('hyphenateSync');
	}
	for (const { context } of [facilitator, phone]) await context.close();
});
