// Content true to the sources: the projector's info step prints its source, the phone explains
// the framework's terms on tap, and a resolution's full text is one tap away.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, joinWithLink, newPage } from './helpers';

async function shotSizes(page: Page, name: string) {
	const before = page.viewportSize();
	for (const [width, height] of [
		[1920, 1080],
		[1366, 768],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width, height });
		await page.screenshot({
			path: `tests/e2e/screenshots/content-${name}-${width}x${height}.png`,
			fullPage: true
		});
	}
	if (before) await page.setViewportSize(before);
}

async function room(browser: import('@playwright/test').Browser, workshop: string) {
	const facilitator = await newPage(browser, 'laptop');
	await facilitator.page.goto('/');
	await facilitator.page.getByRole('radio', { name: workshop }).check();
	await facilitator.page.getByTestId('start-workshop').click();
	await expect(facilitator.page.getByTestId('console')).toBeVisible();
	const joinCode = (await facilitator.page.getByTestId('console-join-code').textContent())!.trim();
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(
		(await facilitator.page.getByTestId('open-projector').getAttribute('href'))!
	);
	const phone = await newPage(browser, 'phone');
	await joinWithLink(phone.page, `/join/${joinCode}`);
	const go = async (title: string) => {
		await facilitator.page.getByTestId('agenda-step').filter({ hasText: title }).first().click();
		for (const view of [projector.page, phone.page])
			await expect(view.getByTestId('step-title')).toHaveText(title);
	};
	const close = async () => {
		for (const s of [facilitator, projector, phone]) await s.context.close();
	};
	return { projector: projector.page, phone: phone.page, go, close };
}

test('the definition names its source on the projector, apart from the pillars', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { projector, go, close } = await room(browser, 'Visievorming zorgzame buurten');
	await go('Wat is een zorgzame buurt?');
	await expect(projector.getByTestId('step-sources')).toContainText(
		'Vlaamse overheid (z.d.). Zorgzame buurten. Inspiratiekader bij projectoproep.'
	);
	await expect(projector.getByText('ze horen niet bij de definitie zelf')).toBeVisible();
	await shotSizes(projector, 'projector-definitie');
	await close();
});

test('a participant taps a policy term for a plain explanation', async ({ browser }) => {
	test.setTimeout(120_000);
	const { phone, go, close } = await room(browser, 'Is de zorgzame buurt er voor iedereen?');
	await go('Iedereen bouwt mee');
	// The first is in the prompt; the checklist items below explain the term too.
	const term = phone.getByTestId('glossary-term').filter({ hasText: 'participatie' }).first();
	await expect(term).toHaveAttribute('aria-expanded', 'false');
	await term.click();
	await expect(term).toHaveAttribute('aria-expanded', 'true');
	await expect(phone.getByText('Meedoen en meebeslissen.')).toBeVisible();
	await expectNoSeriousA11yViolations(phone, 'glossary on the phone');
	await shotSizes(phone, 'phone-glossary');
	await term.press('Enter');
	await expect(phone.getByText('Meedoen en meebeslissen.')).toBeHidden();
	await close();
});

test('a resolution shows its full text one tap away on the phone', async ({ browser }) => {
	test.setTimeout(120_000);
	const { phone, go, close } = await room(browser, 'Resoluties over solidaire zorg');
	await go('Thema 1: ruimte om elkaar te ontmoeten');
	const r5 = phone.locator('[data-statement="r5"]');
	await expect(r5).toContainText('criminalisering van tegenstemmen');
	await r5.getByText('Volledige tekst').click();
	await expect(
		r5.getByText(/In het licht van de criminalisering van tegenstemmen, stellen wij/)
	).toBeVisible();
	await shotSizes(phone, 'phone-resolution');
	await close();
});
