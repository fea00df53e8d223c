// The framework's terms explained on tap wherever participants read them (here: a checklist
// item), and the action tracks' meaning and examples one tap away in the actions step.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, joinWithLink, newPage, openActionForm } from './helpers';

async function shots(page: Page, name: string) {
	const before = page.viewportSize();
	for (const [width, height] of [
		[1920, 1080],
		[1366, 768],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width, height });
		await page.screenshot({
			path: `tests/e2e/screenshots/glossary-${name}-${width}x${height}.png`,
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
	await expect(facilitator.page.getByTestId('console')).toBeVisible({ timeout: 30_000 });
	const joinCode = (await facilitator.page.getByTestId('console-join-code').textContent())!.trim();
	const phone = await newPage(browser, 'phone');
	await joinWithLink(phone.page, `/join/${joinCode}`);
	const go = async (title: string) => {
		await facilitator.page.getByTestId('agenda-step').filter({ hasText: title }).first().click();
		await expect(phone.page.getByTestId('step-title')).toHaveText(title);
	};
	const close = async () => {
		for (const s of [facilitator, phone]) await s.context.close();
	};
	return { phone: phone.page, go, close };
}

test('a term in a checklist item is explained on tap, and by keyboard', async ({ browser }) => {
	test.setTimeout(120_000);
	const { phone, go, close } = await room(browser, 'Is de zorgzame buurt er voor iedereen?');
	await go('Iedereen bouwt mee');
	const item = phone.locator('[data-testid="check-item"][data-item="participatie-doel"]');
	const term = item.getByTestId('glossary-term');
	await expect(term).toHaveText('Participatie');
	await expect(term).toHaveAttribute('aria-expanded', 'false');
	await term.focus();
	await term.press('Enter');
	await expect(term).toHaveAttribute('aria-expanded', 'true');
	await expect(item.getByText('Meedoen en meebeslissen.')).toBeVisible();
	// The answer buttons still work next to the term.
	await item.getByTestId('check-yes').check();
	await expect(item).toHaveAttribute('data-proposal', 'yes');
	await expectNoSeriousA11yViolations(phone, 'glossary in a checklist item');
	await shots(phone, 'checklist');
	await term.click();
	await expect(item.getByText('Meedoen en meebeslissen.')).toBeHidden();
	await close();
});

test('an action tagged with a track offers the track’s meaning and examples', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { phone, go, close } = await room(browser, 'Verbindende en zingevende zorg');
	await go('Van principes naar acties');
	const form = await openActionForm(phone);
	// Before tagging: every track's meaning in the form's guide.
	const guide = phone.getByTestId('tracks-guide');
	await expect(guide.getByTestId('track-info')).toHaveCount(10);
	// The field names what the step tags actions with here: a domain and track, not a building block.
	await expect(form.getByLabel('Actiedomein en spoor')).toHaveAttribute(
		'data-testid',
		'action-block'
	);
	await expect(form.getByText('Bij welk actiedomein en welk spoor past deze actie?')).toBeVisible();
	await form.getByTestId('action-title').fill('Huisartsen in de buurt');
	await form.getByTestId('action-block').selectOption('zorggarantie-overheid');
	await form.getByTestId('action-submit').click();
	const card = phone.getByTestId('group-action').filter({ hasText: 'Huisartsen in de buurt' });
	await expect(card.getByText('Actiedomein en spoor', { exact: true })).toBeVisible();
	const info = card.getByTestId('track-info');
	await expect(info).toHaveAttribute('data-track', 'zorggarantie-overheid');
	await expect(info.getByTestId('track-text')).toBeHidden();
	await info.locator('summary').click();
	await expect(info.getByTestId('track-text')).toHaveText(
		'De overheid zorgt dat zorg er is voor iedereen.'
	);
	await expect(info.getByText('Inzetten op preventieve zorg')).toBeVisible();
	await expectNoSeriousA11yViolations(phone, 'track meaning on an action');
	await card.scrollIntoViewIfNeeded();
	await shots(phone, 'action-track');
	await close();
});

test('a term in a resolution and in a building block is explained on tap', async ({ browser }) => {
	test.setTimeout(120_000);
	const explained = async (phone: Page, term: import('@playwright/test').Locator) => {
		await expect(term).toHaveAttribute('aria-expanded', 'false');
		await term.click();
		await expect(term).toHaveAttribute('aria-expanded', 'true');
		const id = (await term.getAttribute('aria-controls'))!;
		await expect(phone.locator(`[id="${id}"]`)).toBeVisible();
		return phone.locator(`[id="${id}"]`);
	};

	const votes = await room(browser, 'Resoluties over solidaire zorg');
	await votes.go('Thema 3: mantelzorg en tijd voor elkaar');
	const statement = votes.phone.locator('[data-testid="vote-statement"][data-statement="r11"]');
	const care = statement.getByTestId('glossary-term').first();
	await expect(care).toHaveText(/mantelzorg/i);
	await expect(await explained(votes.phone, care)).toContainText('zonder ervoor betaald te worden');
	await expectNoSeriousA11yViolations(votes.phone, 'glossary in a resolution');
	await shots(votes.phone, 'resolution');
	await votes.close();

	const blocks = await room(browser, 'Visievorming zorgzame buurten');
	await blocks.go('Referentiekader');
	const term = blocks.phone.getByTestId('assessment-block').getByTestId('glossary-term').first();
	await explained(blocks.phone, term);
	await expectNoSeriousA11yViolations(blocks.phone, 'glossary in a building block');
	await shots(blocks.phone, 'building-block');
	await blocks.close();
});
