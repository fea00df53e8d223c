// Closing and reopening joining from the console, as the facilitator and a latecomer see it.
import { expect, test, type Page } from '@playwright/test';
import {
	expectNoSeriousA11yViolations,
	joinWithLink,
	newPage,
	SIZES,
	startWorkshop,
	type Size
} from './helpers';

const DIR = 'tests/e2e/screenshots';

async function shoot(page: Page, name: string, show?: string) {
	for (const size of Object.keys(SIZES) as Size[]) {
		await page.setViewportSize(SIZES[size]);
		await page.waitForTimeout(150);
		if (show) await page.getByTestId(show).scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${DIR}/${name}-${size}.png`, fullPage: false });
	}
}

test('the facilitator closes joining, a latecomer is told so, and reopening lets them in', async ({
	browser
}) => {
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page, 'Buurtoverleg Wilsele');
	const state = facilitator.page.getByTestId('joining-state');
	const toggle = facilitator.page.getByTestId('joining-toggle');
	await expect(state).toContainText('Deelname open');
	const early = await newPage(browser, 'phone');
	await joinWithLink(early.page, `/join/${joinCode}`, 'An');

	await toggle.click();
	await expect(state).toContainText('Deelname gesloten');
	await expect(toggle).toHaveText('Deelname heropenen');
	await shoot(facilitator.page, 'console-joining-closed', 'joining');
	await expectNoSeriousA11yViolations(facilitator.page, 'console with joining closed');

	const late = await newPage(browser, 'phone');
	await late.page.goto(`/join/${joinCode}`);
	// The code is checked before anyone is greeted: the refusal comes at once, next to the code.
	await expect(late.page.getByTestId('join-error')).toContainText(
		'Deze sessie neemt geen nieuwe deelnemers meer aan'
	);
	await shoot(late.page, 'join-closed');
	await expectNoSeriousA11yViolations(late.page, 'join page, joining closed');

	// Who joined before carries on: their page still works after a reload.
	await early.page.reload();
	await expect(early.page.getByTestId('step-title')).toBeVisible();

	await toggle.click();
	await expect(state).toContainText('Deelname open');
	await expect(toggle).toHaveText('Deelname sluiten');
	await joinWithLink(late.page, `/join/${joinCode}`, 'Bram');

	// And in English.
	await facilitator.page
		.getByRole('button', { name: /English|EN/ })
		.first()
		.click();
	await expect(facilitator.page.getByTestId('joining-toggle')).toHaveText('Close joining');
	for (const { context } of [facilitator, early, late]) await context.close();
});
