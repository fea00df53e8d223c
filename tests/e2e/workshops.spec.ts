// The workshops written from the source documents: a facilitator picks each one on the home
// page and walks every step with the projector open and two participants joined.
import { expect, test, type Page } from '@playwright/test';
import { joinWithLink, newPage, SIZES, type Size } from './helpers';

const WORKSHOPS = [
	{
		id: 'voor-iedereen',
		title: 'Is de zorgzame buurt er voor iedereen?',
		steps: 10,
		// A live step's projector text stands above its board (without a bold opening that
		// would only repeat the step's title).
		lead: { index: 1, text: 'Een buurt is nooit overal hetzelfde' }
	},
	{ id: 'zingevende-zorg', title: 'Verbindende en zingevende zorg', steps: 8 },
	{ id: 'ruimte-voor-zorg', title: 'Welke ruimte geven we aan zorg?', steps: 9 },
	{
		id: 'resoluties',
		title: 'Resoluties over solidaire zorg',
		steps: 14,
		variant: "Alle thema's (2 uur)"
	}
];

test('the home page lists every workshop, the default first, at three sizes', async ({
	browser
}) => {
	const { context, page } = await newPage(browser, 'laptop');
	await page.goto('/');
	const radios = page.getByRole('radio', { name: /./ });
	const names = await page.locator('label.workshop strong').allInnerTexts();
	expect(names[0]).toBe('Visievorming zorgzame buurten');
	for (const workshop of WORKSHOPS) expect(names).toContain(workshop.title);
	await expect(radios.first()).toBeChecked();
	for (const size of Object.keys(SIZES) as Size[]) {
		await page.setViewportSize(SIZES[size]);
		await page.waitForTimeout(150);
		await page.screenshot({ path: `tests/e2e/screenshots/workshops-home-${size}.png` });
	}
	await page.setViewportSize(SIZES.phone);
	await page.getByRole('radio', { name: WORKSHOPS[0]!.title }).focus();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByRole('radio', { name: WORKSHOPS[2]!.title })).toBeChecked();
	await page.screenshot({
		path: 'tests/e2e/screenshots/workshops-home-phone-full.png',
		fullPage: true
	});
	await context.close();
});

test('a choice made before the page runs is kept, and the start button waits for it', async ({
	browser
}) => {
	const { context, page } = await newPage(browser, 'laptop');
	// A slow network: the page shows a while before its JavaScript runs.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/', { waitUntil: 'commit' });
	await expect(page.getByTestId('start-workshop')).toBeDisabled();
	// Clicked straight in the page: Playwright's own click waits for the page to finish loading.
	await page.evaluate((id) => {
		document.querySelector<HTMLInputElement>(`input[name="workshop"][value="${id}"]`)!.click();
	}, WORKSHOPS[1]!.id);
	release();
	await expect(page.getByTestId('start-workshop')).toBeEnabled();
	await expect(page.getByRole('radio', { name: WORKSHOPS[1]!.title })).toBeChecked();
	await page.getByTestId('start-workshop').click();
	await expect(page.getByTestId('console')).toBeVisible();
	await expect(page.getByTestId('agenda-step')).toHaveCount(WORKSHOPS[1]!.steps);
	await context.close();
});

async function startChosen(
	page: Page,
	title: string,
	variant = 'Volledige sessie (2 uur)'
): Promise<string> {
	await page.goto('/');
	await page.getByRole('radio', { name: title }).check();
	await page.getByRole('radio', { name: variant }).check();
	await page.getByLabel('Titel van de sessie (optioneel)').fill(`Proef: ${title}`);
	await page.getByTestId('start-workshop').click();
	await expect(page.getByTestId('console')).toBeVisible();
	return (await page.getByTestId('console-join-code').textContent())!.trim();
}

for (const workshop of WORKSHOPS) {
	test(`a facilitator runs "${workshop.title}" from start to end`, async ({ browser }) => {
		test.setTimeout(180_000);
		const facilitator = await newPage(browser, 'laptop');
		const joinCode = await startChosen(facilitator.page, workshop.title, workshop.variant);
		const projector = await newPage(browser, 'projector');
		await projector.page.goto(
			(await facilitator.page.getByTestId('open-projector').getAttribute('href'))!
		);
		const [one, two] = [await newPage(browser, 'phone'), await newPage(browser, 'laptop')];
		await joinWithLink(one.page, `/join/${joinCode}`, 'Sara');
		await joinWithLink(two.page, `/join/${joinCode}`);

		const agenda = await facilitator.page.getByTestId('agenda-step').allInnerTexts();
		expect(agenda).toHaveLength(workshop.steps);
		const views = [facilitator.page, projector.page, one.page, two.page];
		for (let index = 0; index < workshop.steps; index++) {
			const title = (await facilitator.page.getByTestId('step-title').innerText()).trim();
			expect(agenda[index]).toContain(title);
			for (const view of views) {
				await expect(view.getByTestId('step-title')).toHaveText(title);
				await expect(view.getByTestId('step')).toContainText(
					`Stap ${index + 1} van ${workshop.steps}`
				);
			}
			if (workshop.lead?.index === index) {
				await expect(projector.page.getByTestId('projector-lead')).toContainText(
					workshop.lead.text
				);
				await projector.page.screenshot({
					path: `tests/e2e/screenshots/workshops-${workshop.id}-lead-projector.png`
				});
			}
			if (index === 0) {
				await projector.page.screenshot({
					path: `tests/e2e/screenshots/workshops-${workshop.id}-projector.png`
				});
				await one.page.screenshot({
					path: `tests/e2e/screenshots/workshops-${workshop.id}-phone.png`
				});
				await facilitator.page.screenshot({
					path: `tests/e2e/screenshots/workshops-${workshop.id}-console.png`
				});
			}
			if (index < workshop.steps - 1) await facilitator.page.getByTestId('next-step').click();
		}
		await expect(facilitator.page.getByTestId('next-step')).toBeDisabled();
		await expect(projector.page.getByTestId('step-title')).toHaveText('Afsluiting');
		for (const session of [facilitator, projector, one, two]) await session.context.close();
	});
}
