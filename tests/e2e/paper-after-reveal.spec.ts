// Paper ballots counted by hand after the results were shown: the typical room where everyone
// votes on the printed form, and the facilitator types the counts in once the hands are counted.
// They must show at once on the projector and on phones, without hiding and showing again.
import { expect, test, type Page } from '@playwright/test';
import { joinWithLink, newPage, startWorkshop, typePaperCounts } from './helpers';

test('paper ballots typed in after the reveal show at once on the projector and the phone', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const facilitator = await newPage(browser, 'laptop');
	const console_ = facilitator.page;
	const { joinCode } = await startWorkshop(console_, '', {
		workshop: 'Resoluties over solidaire zorg'
	});
	const projector = await newPage(browser, 'projector');
	await projector.page.goto((await console_.getByTestId('open-projector').getAttribute('href'))!);
	const phone = await newPage(browser, 'phone');
	await joinWithLink(phone.page, `/join/${joinCode}`, 'Anna');
	const title = 'Thema 1: ruimte om elkaar te ontmoeten';
	await console_.getByTestId('agenda-step').filter({ hasText: title }).click();
	for (const view of [projector.page, phone.page])
		await expect(view.getByTestId('step-title')).toHaveText(title);

	// Nobody voted on a phone: the results are shown first, the hand count comes after.
	await console_.getByTestId('vote-reveal').click();
	const r1 = (page: Page) => page.locator('[data-testid="vote-result"][data-statement="r1"]');
	await expect(r1(projector.page)).toBeVisible();
	await expect(r1(projector.page).getByTestId('vote-paper')).toHaveCount(0);

	const counts = await typePaperCounts(console_, 'r1', { approve: '7', reject: '2' });
	for (const view of [projector.page, phone.page, console_]) {
		await expect(r1(view).getByTestId('vote-paper')).toHaveText('waarvan 9 op papier');
		await expect(r1(view).getByTestId('vote-numbers')).toContainText('Voor: 7');
		await expect(r1(view)).toHaveAttribute('data-outcome', 'approved');
	}
	// A correction shows at once too.
	const approve = counts.locator(
		'[data-testid="paper-count-row"][data-target="r1"] [data-testid="paper-count"][data-choice="approve"]'
	);
	await approve.fill('1');
	await approve.press('Tab');
	for (const view of [projector.page, phone.page]) {
		await expect(r1(view).getByTestId('vote-paper')).toHaveText('waarvan 3 op papier');
		await expect(r1(view)).toHaveAttribute('data-outcome', 'not-approved');
	}
	await projector.page.screenshot({
		path: 'tests/e2e/screenshots/paper-after-reveal-projector-1920x1080.png'
	});
	await phone.page.screenshot({
		path: 'tests/e2e/screenshots/paper-after-reveal-phone-390x844.png',
		fullPage: true
	});

	for (const session of [facilitator, projector, phone]) await session.context.close();
});
