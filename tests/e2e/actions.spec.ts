// Step 9 "Aan de slag": participants propose actions, the facilitator edits and confirms them,
// the group votes with dots, and the projector shows the plan by priority after the reveal.
import { expect, test, type Page } from '@playwright/test';
import {
	expectNoSeriousA11yViolations,
	joinWithLink,
	newPage,
	openActionForm,
	startWorkshop
} from './helpers';

async function propose(
	page: Page,
	fields: { title: string; block?: string; lead?: string; when?: string; firstStep?: string }
): Promise<string> {
	const form = await openActionForm(page);
	await form.getByTestId('action-title').fill(fields.title);
	if (fields.block) await form.getByTestId('action-block').selectOption({ label: fields.block });
	if (fields.lead) await form.getByTestId('action-lead').fill(fields.lead);
	if (fields.when) await form.getByTestId('action-when').fill(fields.when);
	if (fields.firstStep) await form.getByTestId('action-firstStep').fill(fields.firstStep);
	await form.getByTestId('action-submit').click();
	const card = page.getByTestId('group-action').filter({ hasText: fields.title });
	await expect(card).toBeVisible();
	return (await card.getAttribute('data-action'))!;
}

async function dot(page: Page, id: string, times = 1) {
	const card = page.locator(`[data-testid="group-action"][data-action="${id}"]`);
	for (let i = 0; i < times; i++) {
		const before = Number(await card.getByTestId('my-dots').getAttribute('data-count'));
		await card.getByTestId('dot-add').click();
		await expect(card.getByTestId('my-dots')).toHaveAttribute('data-count', String(before + 1));
	}
}

test('participants propose, the facilitator edits and confirms, the group sets priorities', async ({
	browser
}) => {
	// Five browser contexts and three axe runs: slow on a shared machine.
	test.setTimeout(300_000);
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page, 'Actieplan Kessel-Lo');
	const console_ = facilitator.page;
	const projector = await newPage(browser, 'projector');
	await projector.page.goto((await console_.getByTestId('open-projector').getAttribute('href'))!);
	const phones = [await newPage(browser, 'phone'), await newPage(browser, 'phone')];
	phones.push(await newPage(browser, 'phone'));
	const [sara, anon, jan] = phones.map((p) => p.page) as [Page, Page, Page];
	await joinWithLink(sara, `/join/${joinCode}`, 'Sara');
	await joinWithLink(anon, `/join/${joinCode}`);
	await joinWithLink(jan, `/join/${joinCode}`, 'Jan');

	await console_.getByTestId('agenda-step').filter({ hasText: 'Aan de slag' }).click();
	for (const view of [console_, projector.page, sara, anon, jan])
		await expect(view.getByTestId('step-title')).toHaveText('Aan de slag');
	await expect(projector.page.getByText('Nog geen acties.')).toBeVisible();

	// The title is required; the building block comes from the eight blocks.
	const form = sara.getByTestId('action-form');
	await form.getByTestId('action-submit').click();
	await expect(form.getByRole('alert')).toHaveText('Geef de actie een naam.');
	await expect(form.getByTestId('action-block').locator('option')).toHaveCount(9);
	const feest = await propose(sara, {
		title: 'Buurtfeest op het plein',
		block: 'Sociale netwerken',
		lead: 'Sara',
		when: 'juni',
		firstStep: 'Zaal vragen aan de stad'
	});
	const infopunt = await propose(anon, { title: 'Infopunt in het dienstencentrum' });
	const wandeling = await propose(sara, { title: 'Wandeling langs kwetsbare buren' });
	const weg = await propose(anon, { title: 'Iets dat weg moet' });

	// Everyone sees the group's actions; only one's own proposals can be changed.
	await expect(jan.getByTestId('group-action')).toHaveCount(4);
	await expect(jan.getByTestId('action-edit')).toHaveCount(0);
	await expect(anon.getByTestId('action-edit')).toHaveCount(2);
	const anonWeg = anon.locator(`[data-action="${weg}"]`);
	await anonWeg.getByTestId('action-delete').click();
	await anonWeg.getByTestId('action-delete-sure').click();
	await expect(jan.getByTestId('group-action')).toHaveCount(3);
	await anon.locator(`[data-action="${infopunt}"]`).getByTestId('action-edit').click();
	await anon.locator(`[data-action="${infopunt}"] [data-testid="action-when"]`).fill('najaar');
	await anon.locator(`[data-action="${infopunt}"] [data-testid="action-submit"]`).click();
	await expect(jan.locator(`[data-action="${infopunt}"]`)).toContainText('najaar');

	// The facilitator edits a field and confirms an action; no author is shown.
	const rows = console_.getByTestId('console-action');
	await expect(rows).toHaveCount(3);
	await expect(console_.getByTestId('plan-title')).toHaveCount(0);
	await expect(rows.filter({ hasText: 'Sara' })).toHaveCount(0);
	const infopuntRow = console_.locator(`[data-action="${infopunt}"]`);
	await infopuntRow.getByTestId('edit-lead').fill('Dienst Welzijn');
	await infopuntRow.getByTestId('edit-lead').press('Tab');
	await expect(anon.locator(`[data-action="${infopunt}"]`)).toContainText('Dienst Welzijn');
	await infopuntRow.getByTestId('edit-title').fill('');
	await infopuntRow.getByTestId('edit-title').press('Tab');
	await expect(infopuntRow.getByTestId('edit-title')).toHaveValue(
		'Infopunt in het dienstencentrum'
	);
	await console_.locator(`[data-action="${feest}"]`).getByTestId('set-confirmed').click();
	const feestOnProjector = projector.page.locator(
		`[data-testid="plan-row"][data-action="${feest}"]`
	);
	await expect(feestOnProjector.getByTestId('action-status')).toHaveAttribute(
		'data-status',
		'confirmed'
	);
	await expect(feestOnProjector).toContainText('Sociale netwerken');
	await expect(sara.locator(`[data-action="${feest}"]`).getByTestId('action-edit')).toHaveCount(0);
	await expect(sara.locator(`[data-action="${feest}"]`)).toContainText('Bevestigd');

	// Priority voting: three dots each, the limit holds, tallies stay with the facilitator.
	await expect(sara.getByTestId('dot-add')).toHaveCount(0);
	await console_.getByTestId('toggle-action-voting').click();
	await expect(projector.page.getByTestId('projector-voting')).toBeVisible();
	await expect(jan.getByTestId('dots-left')).toHaveText('Nog 3 van 3 stippen over');
	await dot(sara, wandeling, 2);
	await dot(sara, feest);
	await dot(anon, wandeling, 2);
	await dot(anon, infopunt);
	await dot(jan, infopunt, 2);
	await expect(jan.getByTestId('dots-left')).toHaveText('Nog 1 van 3 stippen over');
	await dot(jan, feest);
	await expect(jan.getByTestId('dots-left')).toHaveAttribute('data-left', '0');
	for (const add of await jan.getByTestId('dot-add').all()) await expect(add).toBeDisabled();
	await expect(
		console_.locator(`[data-action="${wandeling}"] [data-testid="console-dots"]`)
	).toHaveAttribute('data-count', '4');
	await expect(console_.getByText('Alleen jij ziet de stippen')).toBeVisible();
	await expect(projector.page.getByTestId('action-plan')).toHaveAttribute('data-sorted', 'created');
	await expect(projector.page.getByTestId('plan-dots')).toHaveCount(0);
	await expect(jan.getByTestId('action-total')).toHaveCount(0);
	await expect(projector.page.getByTestId('plan-title')).toHaveText([
		'Buurtfeest op het plein',
		'Infopunt in het dienstencentrum',
		'Wandeling langs kwetsbare buren'
	]);
	await sara.screenshot({ path: 'tests/e2e/screenshots/actions-participant-voting-390x844.png' });
	await expectNoSeriousA11yViolations(sara, 'phone while voting');

	// The reveal: the projector sorts the plan by dots.
	await console_.getByTestId('toggle-action-voting').click();
	await console_.getByTestId('toggle-action-reveal').click();
	const plan = projector.page.getByTestId('action-plan');
	await expect(plan).toHaveAttribute('data-sorted', 'dots');
	await expect(projector.page.getByTestId('plan-title')).toHaveText([
		'Wandeling langs kwetsbare buren',
		'Infopunt in het dienstencentrum',
		'Buurtfeest op het plein'
	]);
	await expect(projector.page.getByTestId('plan-dots')).toHaveText(['4', '3', '2']);
	const fits = await plan.evaluate(
		(table) =>
			table.getBoundingClientRect().right <= table.parentElement!.getBoundingClientRect().right + 1
	);
	expect(fits, 'the plan stays within the stage').toBe(true);
	await expect(jan.locator(`[data-action="${wandeling}"] [data-testid="action-total"]`)).toHaveText(
		'Stippen: 4'
	);
	await projector.page.screenshot({
		path: 'tests/e2e/screenshots/actions-projector-1920x1080.png'
	});
	await console_.screenshot({
		path: 'tests/e2e/screenshots/actions-console-1366x768.png',
		fullPage: true
	});
	await sara.screenshot({
		path: 'tests/e2e/screenshots/actions-participant-390x844.png',
		fullPage: true
	});
	await expectNoSeriousA11yViolations(projector.page, 'projector');
	await expectNoSeriousA11yViolations(console_, 'console');

	// Hiding is recoverable; a hidden action leaves the projector and every phone.
	const infopuntHide = console_.locator(`[data-action="${infopunt}"]`);
	await infopuntHide.getByTestId('action-hide').click();
	await expect(projector.page.getByTestId('plan-row')).toHaveCount(2);
	// By id, not by text: the projector breaks long words with soft hyphens, so a text match
	// would pass whether or not the action is there.
	await expect(projector.page.locator(`[data-action="${infopunt}"]`)).toHaveCount(0);
	for (const phone of [sara, anon, jan]) {
		await expect(phone.getByTestId('group-action')).toHaveCount(2);
		await expect(phone.locator(`[data-action="${infopunt}"]`)).toHaveCount(0);
	}
	await expect(infopuntHide.getByTestId('action-hidden')).toBeVisible();
	await infopuntHide.getByTestId('action-show').click();
	await expect(projector.page.getByTestId('plan-row')).toHaveCount(3);
	await infopuntHide.getByTestId('action-hide').click();
	await expect(projector.page.getByTestId('plan-row')).toHaveCount(2);

	// A locked step takes the form and the buttons away.
	await console_.getByTestId('toggle-lock').click();
	await expect(sara.getByText('De begeleider heeft deze stap afgesloten.')).toBeVisible();
	await expect(sara.getByTestId('action-form')).toHaveCount(0);
	await expect(sara.getByTestId('action-edit')).toHaveCount(0);

	for (const session of [facilitator, projector, ...phones]) await session.context.close();
});
