// The whole default workshop, step by step, on all three views; the timer runs out on the projector.
import { expect, test } from '@playwright/test';
import { addNote, joinWithLink, newPage, startWorkshop } from './helpers';

test('a facilitator walks every step with two participants and the projector', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page, 'Doorloop');
	const projector = await newPage(browser, 'projector');
	await projector.page.clock.install();
	await projector.page.goto(
		(await facilitator.page.getByTestId('open-projector').getAttribute('href'))!
	);
	const [one, two] = [await newPage(browser, 'phone'), await newPage(browser, 'laptop')];
	await joinWithLink(one.page, `/join/${joinCode}`, 'Sara');
	await joinWithLink(two.page, `/join/${joinCode}`);

	const titles = await facilitator.page.getByTestId('agenda-step').allInnerTexts();
	expect(titles).toHaveLength(12);
	for (let index = 0; index < titles.length; index++) {
		const title = (await facilitator.page.getByTestId('step-title').innerText()).trim();
		for (const view of [projector.page, one.page, two.page]) {
			await expect(view.getByTestId('step-title')).toHaveText(title);
		}
		if (index === 3) {
			await one.page.getByTestId('note-column').selectOption({ index: 1 });
			await addNote(one.page, 'Een buurtfeest in de zomer');
			await addNote(two.page, 'Buren die elkaar groeten');
			const columns = projector.page.locator('.column');
			await expect(columns).toHaveCount(5);
			await expect(columns.nth(1)).toContainText('Een buurtfeest in de zomer');
			await expect(columns.nth(0)).toContainText('Buren die elkaar groeten');
		}
		if (index === 4) {
			await addNote(one.page, 'Thuis');
			await addNote(two.page, 'thuis!');
			await addNote(two.page, 'Warm');
			const cloud = projector.page.getByTestId('word-cloud');
			await expect(cloud.locator('li')).toHaveCount(2);
			await expect(cloud.locator('li[data-count="2"]')).toContainText('Thuis');
		}
		if (index === 5)
			await expect(projector.page.getByLabel('Onze eigen woorden')).toContainText('Warm');
		await projector.page.screenshot({
			path: `tests/e2e/screenshots/step-${index + 1}-projector.png`
		});
		await one.page.screenshot({ path: `tests/e2e/screenshots/step-${index + 1}-phone.png` });
		if (index === 0) {
			await facilitator.page.getByLabel('Minuten').fill('1');
			await facilitator.page.getByTestId('timer-start').click();
			await expect(projector.page.getByTestId('timer')).toBeVisible();
			await projector.page.clock.fastForward('01:05');
			await expect(projector.page.getByTestId('timer')).toHaveAttribute('data-time-up', 'true');
			await expect(projector.page.getByTestId('timer')).toContainText('De tijd is om');
			await projector.page.clock.resume();
		}
		if (index < titles.length - 1) await facilitator.page.getByTestId('next-step').click();
	}
	await expect(facilitator.page.getByTestId('next-step')).toBeDisabled();
	await expect(
		projector.page.getByText('Het visierapport van deze sessie staat klaar.')
	).toBeVisible();
	await expect(one.page.getByText('begeleider', { exact: false })).toHaveCount(0);
	for (const session of [facilitator, projector, one, two]) await session.context.close();
});
