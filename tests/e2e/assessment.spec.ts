// Step 8 "Referentiekader": three participants rate the building blocks on their phones, one adds a
// practice example; the projector shows progress, then on reveal the spread and the blocks fulfilled least.
import { expect, test, type Page } from '@playwright/test';
import { joinWithLink, newPage, startWorkshop, expectNoSeriousA11yViolations } from './helpers';

type R = 'strong' | 'partly' | 'notyet' | 'unknown';

// Per block, the three participants' ratings: detectie, toeleiding and inclusie score lowest.
const PLAN: Record<string, [R, R, R]> = {
	buurtanalyse: ['strong', 'strong', 'partly'],
	'visie-organisatie': ['partly', 'strong', 'strong'],
	detectie: ['notyet', 'notyet', 'partly'],
	toeleiding: ['notyet', 'partly', 'unknown'],
	'sociale-netwerken': ['partly', 'partly', 'strong'],
	inclusie: ['strong', 'notyet', 'notyet'],
	communiceren: ['strong', 'unknown', 'partly'],
	partnerschappen: ['strong', 'strong', 'strong']
};
const BLOCKS = Object.keys(PLAN);

async function rate(page: Page, block: string, rating: R) {
	await page.locator(`[data-block="${block}"]`).getByTestId(`rating-${rating}`).click();
	await expect(page.locator(`[data-block="${block}"] input[value="${rating}"]`)).toBeChecked();
}

test('participants rate the building blocks; the projector reveals the spread', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page, 'Referentiekader');
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(
		(await facilitator.page.getByTestId('open-projector').getAttribute('href'))!
	);
	const phones = [await newPage(browser, 'phone'), await newPage(browser, 'phone')];
	phones.push(await newPage(browser, 'phone'));
	const [an, bo, cas] = phones.map((p) => p.page) as [Page, Page, Page];
	await joinWithLink(an, `/join/${joinCode}`, 'An');
	await joinWithLink(bo, `/join/${joinCode}`);
	await joinWithLink(cas, `/join/${joinCode}`, 'Cas');

	await facilitator.page.getByTestId('agenda-step').filter({ hasText: 'Referentiekader' }).click();
	for (const page of [projector.page, an, bo, cas])
		await expect(page.getByTestId('step-title')).toHaveText('Referentiekader');

	// The blocks arrive with their group, meaning and guiding question.
	await expect(an.getByTestId('assessment-block')).toHaveCount(8);
	await expect(an.getByRole('heading', { name: 'Voorwaardenscheppend' })).toBeVisible();
	await expect(an.getByRole('heading', { name: 'Minder mazen' })).toBeVisible();
	const detectie = an.locator('[data-block="detectie"]');
	await expect(detectie).toContainText('Verborgen zorgnoden');
	await expect(detectie).toContainText('Hoe merken jullie zorgnoden vroeg op?');
	await expect(an.getByTestId('assessment-my-progress')).toContainText('0 van 8 beoordeeld');
	await an.screenshot({ path: 'tests/e2e/screenshots/assessment-participant-390x844.png' });

	const progress = projector.page.getByTestId('assessment-progress');
	await expect(progress.locator('.count')).toHaveText('0 van 3');

	for (const block of BLOCKS) await rate(an, block, PLAN[block]![0]);
	for (const block of BLOCKS) await rate(bo, block, PLAN[block]![1]);
	await expect(an.getByTestId('assessment-my-progress')).toContainText('8 van 8 beoordeeld');
	// Cas rates all but one block first: two of three are done.
	for (const block of BLOCKS.filter((b) => b !== 'communiceren'))
		await rate(cas, block, PLAN[block]![2]);
	await expect(cas.getByTestId('assessment-my-progress')).toContainText('7 van 8 beoordeeld');
	await expect(progress.locator('.count')).toHaveText('2 van 3');
	await expect(progress).toContainText('deelnemers hebben alle bouwstenen beoordeeld');
	await expect(facilitator.page.getByTestId('assessment-visibility')).toContainText(
		'Alleen jij ziet dit'
	);
	await expect(projector.page.getByTestId('heat-map')).toHaveCount(0);
	await projector.page.screenshot({
		path: 'tests/e2e/screenshots/assessment-projector-progress-1920x1080.png'
	});

	// Cas rates the last block with the keyboard: Space picks, an arrow key moves the choice.
	await cas.locator('[data-block="communiceren"] input[value="strong"]').focus();
	await cas.keyboard.press('Space');
	await cas.keyboard.press('ArrowRight');
	await expect(cas.locator('[data-block="communiceren"] input[value="partly"]')).toBeChecked();
	await expect(progress.locator('.count')).toHaveText('3 van 3');

	// An adds a practice example to "Detectie", edits it; it shows as her own.
	await detectie.getByTestId('example-add').click();
	await detectie
		.getByTestId('example-input')
		.fill('De postbode meldt wie de brievenbus niet leegt');
	await detectie.getByTestId('example-submit').click();
	const example = detectie.getByTestId('my-note');
	await expect(example).toHaveText(/De postbode meldt/);
	await detectie.getByTestId('example-add').scrollIntoViewIfNeeded();
	await an.screenshot({ path: 'tests/e2e/screenshots/assessment-participant-example-390x844.png' });
	await expectNoSeriousA11yViolations(an, 'participant');

	// The facilitator sees the live heat map, then reveals it.
	const consoleRow = facilitator.page.locator('[data-testid="heat-row"][data-block="detectie"]');
	await expect(consoleRow.locator('[data-rating="notyet"]')).toHaveAttribute('data-count', '2');
	await expect(facilitator.page.getByTestId('assessment-example')).toHaveCount(1);
	await facilitator.page.getByTestId('assessment-reveal').click();
	await expect(facilitator.page.getByTestId('assessment-visibility')).toContainText(
		'Iedereen ziet'
	);
	await facilitator.page.screenshot({
		path: 'tests/e2e/screenshots/assessment-console-1366x768.png',
		fullPage: true
	});
	await expectNoSeriousA11yViolations(facilitator.page, 'console');

	const map = projector.page.getByTestId('heat-map');
	await expect(map).toBeVisible();
	for (const block of BLOCKS) {
		const row = map.locator(`[data-testid="heat-row"][data-block="${block}"]`);
		for (const rating of ['strong', 'partly', 'notyet', 'unknown'] as const) {
			const count = PLAN[block]!.filter((r) => r === rating).length;
			await expect(row.locator(`[data-rating="${rating}"]`)).toHaveText(String(count));
		}
	}
	const least = projector.page.getByTestId('least-fulfilled').locator('li');
	await expect(least).toHaveCount(3);
	expect(
		await least.evaluateAll((items) => items.map((li) => li.getAttribute('data-block')))
	).toEqual(['detectie', 'toeleiding', 'inclusie']);
	await expect(map.locator('[data-least="true"]')).toHaveCount(3);
	await expect(projector.page.getByTestId('least-fulfilled')).toContainText('De postbode meldt');
	await projector.page.screenshot({
		path: 'tests/e2e/screenshots/assessment-projector-heatmap-1920x1080.png'
	});
	await expectNoSeriousA11yViolations(projector.page, 'projector');

	// Participants see the group's answers too, with the same blocks marked.
	const result = an.getByTestId('assessment-result');
	await expect(result).toBeVisible();
	expect(
		await result
			.locator('li[data-least="true"]')
			.evaluateAll((items) => items.map((li) => li.getAttribute('data-block')))
	).toEqual(['detectie', 'toeleiding', 'inclusie']);
	await expect(result.locator('li[data-block="partnerschappen"]')).toContainText(
		'Doen we al goed 3'
	);
	await result.scrollIntoViewIfNeeded();
	await an.screenshot({ path: 'tests/e2e/screenshots/assessment-participant-result-390x844.png' });
	await expectNoSeriousA11yViolations(an, 'participant after the reveal');

	// The facilitator hides the example: it leaves the projector.
	await facilitator.page.getByTestId('assessment-example').getByTestId('toggle-hidden').click();
	await expect(projector.page.getByTestId('least-fulfilled')).not.toContainText('De postbode');

	// A locked step takes no more ratings.
	await facilitator.page.getByTestId('toggle-lock').click();
	await expect(bo.locator('[data-block="detectie"] input[value="strong"]')).toBeDisabled();
	await expect(bo.getByTestId('example-add')).toHaveCount(0);

	for (const session of [facilitator, projector, ...phones]) await session.context.close();
});
