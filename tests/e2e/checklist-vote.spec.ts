// The checklist (one shared group answer per item) and the vote (secret until revealed), each with
// a facilitator, a projector and three participants on phones.
import { expect, test, type Page } from '@playwright/test';
import { joinWithLink, newPage, startWorkshop, expectNoSeriousA11yViolations } from './helpers';

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `tests/e2e/screenshots/checklist-vote-${name}.png`, fullPage: true });

/** The same view at the three sizes every changed screen is looked at. */
async function shotSizes(page: Page, name: string) {
	const before = page.viewportSize();
	for (const [width, height] of [
		[1920, 1080],
		[1366, 768],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width, height });
		await shot(page, `${name}-${width}x${height}`);
	}
	if (before) await page.setViewportSize(before);
}

async function room(browser: import('@playwright/test').Browser, workshopTitle?: string) {
	const facilitator = await newPage(browser, 'laptop');
	let joinCode: string;
	if (workshopTitle) {
		await facilitator.page.goto('/');
		await facilitator.page.getByRole('radio', { name: workshopTitle }).check();
		await facilitator.page.getByTestId('start-workshop').click();
		await expect(facilitator.page.getByTestId('console')).toBeVisible();
		joinCode = (await facilitator.page.getByTestId('console-join-code').textContent())!.trim();
	} else {
		({ joinCode } = await startWorkshop(facilitator.page, 'Lijst en stemming'));
	}
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(
		(await facilitator.page.getByTestId('open-projector').getAttribute('href'))!
	);
	const phones = [await newPage(browser, 'phone'), await newPage(browser, 'phone')];
	phones.push(await newPage(browser, 'phone'));
	for (const [index, phone] of phones.entries())
		await joinWithLink(phone.page, `/join/${joinCode}`, ['Anna', 'Bert', 'Chris'][index]);
	await expect(projector.page.getByTestId('participant-count')).toContainText('3');
	const go = async (title: string) => {
		await facilitator.page.getByTestId('agenda-step').filter({ hasText: title }).click();
		for (const view of [projector.page, ...phones.map((p) => p.page)])
			await expect(view.getByTestId('step-title')).toHaveText(title);
	};
	const close = async () => {
		for (const session of [facilitator, projector, ...phones]) await session.context.close();
	};
	return { facilitator: facilitator.page, projector: projector.page, phones, go, close };
}

test('the facilitator records the checklist; participants propose; everyone sees the same answers', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const { facilitator, projector, phones, go, close } = await room(browser);
	const [anna, bert, chris] = phones.map((p) => p.page) as [Page, Page, Page];
	await go('Voorbereidende stap');
	await expect(anna.getByRole('heading', { name: 'Het antwoord van de groep' })).toBeVisible();

	// The facilitator records the group's answer and note in the console.
	const deskMandate = facilitator
		.getByTestId('check-item')
		.filter({ hasText: 'Er is een mandaat' });
	await deskMandate.getByTestId('check-yes').check();
	await deskMandate.getByTestId('check-note').fill('Beslist door het schepencollege');
	await deskMandate.getByTestId('check-note').press('Enter');

	const row = projector.getByTestId('check-row').filter({ hasText: 'Er is een mandaat' });
	await expect(row).toHaveAttribute('data-answer', 'yes');
	await expect(row.getByTestId('check-mark')).toContainText('Ja');
	await expect(row).toContainText('Beslist door het schepencollege');
	const annaMandate = anna.getByTestId('check-item').filter({ hasText: 'Er is een mandaat' });
	const bertMandate = bert.getByTestId('check-item').filter({ hasText: 'Er is een mandaat' });
	await expect(bertMandate).toHaveAttribute('data-answer', 'yes');
	await expect(bertMandate.getByTestId('check-group-answer')).toContainText(
		'Beslist door het schepencollege'
	);

	// A participant's tap is a proposal: the group's answer stays, the console sees it.
	await bertMandate.getByTestId('check-partly').check();
	await expect(bertMandate).toHaveAttribute('data-proposal', 'partly');
	await expect(deskMandate.getByTestId('check-proposals')).toContainText('deels 1');
	await expect(deskMandate.getByTestId('check-proposals')).toContainText(
		'Niet iedereen is het eens'
	);
	await expect(row).toHaveAttribute('data-answer', 'yes');
	await annaMandate.getByTestId('check-yes').check();
	await expect(deskMandate.getByTestId('check-proposals')).toContainText('ja 1');
	await chris.getByTestId('check-item').nth(1).getByTestId('check-no').check();

	// The facilitator follows the room on the second item: everyone sees it.
	await facilitator.getByTestId('check-item').nth(1).getByTestId('check-no').check();
	await expect(projector.getByTestId('check-row').nth(1)).toHaveAttribute('data-answer', 'no');
	await expect(anna.getByTestId('check-item').nth(1)).toHaveAttribute('data-answer', 'no');

	const items = await projector.getByTestId('check-row').count();
	await expect(facilitator.getByTestId('check-summary')).toHaveText(
		`Ja: 1 · Deels: 0 · Nee: 1 · Nog open: ${items - 2}`
	);
	await expect(projector.getByTestId('check-summary')).toContainText('Ja: 1');

	await expectNoSeriousA11yViolations(anna, 'checklist participant');
	await expectNoSeriousA11yViolations(projector, 'checklist projector');
	await expectNoSeriousA11yViolations(facilitator, 'checklist console');
	await shot(anna, 'checklist-participant-phone');
	await shot(projector, 'checklist-projector');
	await shot(facilitator, 'checklist-console-laptop');
	await close();
});

test('three participants vote; the projector shows the counts only after the reveal', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const { facilitator, projector, phones, go, close } = await room(
		browser,
		'Resoluties over solidaire zorg'
	);
	const [anna, bert, chris] = phones.map((p) => p.page) as [Page, Page, Page];
	await go('Thema 1: ruimte om elkaar te ontmoeten');
	await expect(projector.getByTestId('vote-row')).toHaveCount(6);
	await expect(anna.getByTestId('vote-statement')).toHaveCount(6);
	await expect(anna.getByTestId('vote-state')).toContainText('De stemming is nog niet open');
	await expect(anna.getByTestId('vote-approve').first()).toBeDisabled();

	await facilitator.getByTestId('vote-open').click();
	await expect(anna.getByTestId('vote-approve').first()).toBeEnabled();
	const vote = async (page: Page, statement: string, choice: string) => {
		const card = page.locator(`[data-testid="vote-statement"][data-statement="${statement}"]`);
		await card.getByTestId(`vote-${choice}`).check();
		await expect(card.getByTestId(`vote-${choice}`)).toBeChecked();
	};
	await vote(anna, 'r1', 'reject');
	await vote(anna, 'r1', 'approve'); // changed her mind
	await vote(bert, 'r1', 'approve');
	await vote(chris, 'r1', 'reject');
	await vote(anna, 'r2', 'approve');
	await vote(bert, 'r2', 'reject');
	await vote(chris, 'r2', 'abstain');
	await expect(anna.locator('[data-statement="r1"]').getByTestId('vote-mine')).toHaveText(
		'Jouw keuze: Voor'
	);

	await expect(projector.getByTestId('vote-voted')).toHaveText('Gestemd: 3 van 3');
	await expect(projector.getByTestId('vote-result')).toHaveCount(0);
	await expect(projector.getByText('Voor:')).toHaveCount(0);
	await expect(anna.getByTestId('vote-result')).toHaveCount(0);
	// Ballots reach only the server: until the reveal nobody sees a tally, the console neither;
	// it sees how many have voted.
	await expect(facilitator.getByTestId('vote-console-voted')).toHaveText('Gestemd: 3 van 3');
	await expect(facilitator.getByTestId('vote-result')).toHaveCount(0);
	await expect(facilitator.getByText('Voor:')).toHaveCount(0);
	// Each participant still sees their own choice after a reload (it is kept in their draft).
	await bert.reload();
	await expect(
		bert.locator('[data-testid="vote-statement"][data-statement="r2"]').getByTestId('vote-reject')
	).toBeChecked();
	await shot(projector, 'vote-projector-before');
	await shot(bert, 'vote-participant-phone');
	await shotSizes(projector, 'vote-projector-before');
	await shotSizes(bert, 'vote-participant');
	await shotSizes(facilitator, 'vote-console-before');
	await expectNoSeriousA11yViolations(bert, 'vote participant');

	await facilitator.getByTestId('vote-reveal').click();
	const r1 = projector.locator('[data-testid="vote-result"][data-statement="r1"]');
	const r2 = projector.locator('[data-testid="vote-result"][data-statement="r2"]');
	await expect(r1).toHaveAttribute('data-outcome', 'approved');
	await expect(r1.getByTestId('vote-numbers')).toHaveText(/Voor: 2.*Tegen: 1.*Geen mening: 0/);
	await expect(r1.getByTestId('vote-outcome')).toContainText('Uitslag: aangenomen');
	await expect(r1.getByTestId('vote-recorded')).toHaveText('Oorspronkelijk besluit: aangenomen');
	// 1 for, 1 against: a tie is not a majority.
	await expect(r2).toHaveAttribute('data-outcome', 'not-approved');
	await expect(r2.getByTestId('vote-outcome')).toContainText('niet aangenomen');
	await expect(projector.getByTestId('vote-voted')).toHaveCount(0);
	await expect(chris.locator('[data-testid="vote-result"][data-statement="r1"]')).toContainText(
		'aangenomen'
	);
	await expect(chris.getByTestId('vote-approve')).toHaveCount(0);
	await expect(
		facilitator.locator('[data-testid="vote-result"][data-statement="r1"]')
	).toHaveAttribute('data-outcome', 'approved');

	await expectNoSeriousA11yViolations(projector, 'vote projector');
	await expectNoSeriousA11yViolations(facilitator, 'vote console');
	await expectNoSeriousA11yViolations(chris, 'vote participant after the reveal');
	await shot(projector, 'vote-projector-revealed');
	await shot(chris, 'vote-participant-revealed-phone');
	await shot(facilitator, 'vote-console-laptop');
	await shotSizes(projector, 'vote-projector-revealed');
	await shotSizes(chris, 'vote-participant-revealed');
	await shotSizes(facilitator, 'vote-console-revealed');
	await close();
});
