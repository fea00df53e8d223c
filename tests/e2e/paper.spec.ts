// Paper beside phones: the facilitator types in a card written on paper and a hand count of the
// ratings; the projector, a phone and the report show them, marked "op papier".
import { expect, test } from '@playwright/test';
import { joinWithLink, newPage, SIZES, startWorkshop, typePaperCounts } from './helpers';

const shot = (page: import('@playwright/test').Page, name: string) =>
	page.screenshot({ path: `tests/e2e/screenshots/paper-${name}.png` });

test('a paper card and a hand count reach the projector, the phone and the report', async ({
	browser,
	request
}) => {
	test.setTimeout(240_000);
	const facilitator = await newPage(browser, 'laptop');
	const console_ = facilitator.page;
	const { joinCode } = await startWorkshop(console_, 'Papier naast de gsm');
	const projector = await newPage(browser, 'projector');
	await projector.page.goto((await console_.getByTestId('open-projector').getAttribute('href'))!);
	const phone = await newPage(browser, 'phone');
	await joinWithLink(phone.page, `/join/${joinCode}`, 'Anna');
	const go = async (title: string) => {
		await console_.getByTestId('agenda-step').filter({ hasText: title }).click();
		for (const view of [projector.page, phone.page])
			await expect(view.getByTestId('step-title')).toHaveText(title);
	};

	// A card from paper, in a column, with the name written on it.
	await go('Denkoefening');
	const form = console_.getByTestId('paper-note-form');
	await form.getByText('Kaartje van papier toevoegen').click();
	await form.getByTestId('paper-note-text').fill('Een bank aan de kerk waar iedereen stopt');
	await form.getByTestId('paper-note-column').selectOption('wat-gebeurt');
	await form.getByTestId('paper-note-name').fill('Maria');
	await form.getByTestId('paper-note-add').click();
	await expect(form.getByRole('status')).toHaveText('Kaartje van papier toegevoegd.');
	await expect(form.getByTestId('paper-note-text')).toHaveValue('');
	const onConsole = console_
		.getByTestId('moderation-note')
		.filter({ hasText: 'Een bank aan de kerk' });
	await expect(onConsole.getByTestId('paper-badge')).toHaveText('op papier');
	const onProjector = projector.page
		.getByTestId('note')
		.filter({ hasText: 'Een bank aan de kerk' });
	await expect(onProjector.getByTestId('paper-badge')).toHaveText('op papier');
	await expect(onProjector).toContainText('Maria');
	const onPhone = phone.page.getByTestId('group-note').filter({ hasText: 'Een bank aan de kerk' });
	await expect(onPhone.getByTestId('paper-badge')).toHaveCount(1);
	await form.scrollIntoViewIfNeeded();
	await form.getByTestId('paper-note-text').fill('Een tweede kaartje');
	for (const size of ['laptop', 'projector', 'phone'] as const) {
		await console_.setViewportSize(SIZES[size]);
		await form.scrollIntoViewIfNeeded();
		await shot(console_, `console-form-${SIZES[size].width}x${SIZES[size].height}`);
	}
	await console_.setViewportSize(SIZES.laptop);
	await form.getByTestId('paper-note-text').fill('');
	await shot(projector.page, 'projector-card-1920x1080');

	// Hand counts of the ratings: five people ticked "sterk" for the first building block.
	await go('Referentiekader');
	const counts = console_.getByTestId('paper-counts');
	await counts.getByText('Geteld op papier').click();
	const first = counts.getByTestId('paper-count-row').first();
	const block = (await first.getAttribute('data-target'))!;
	const cell = first.locator('[data-testid="paper-count"][data-choice="strong"]');
	await cell.fill('5');
	await cell.press('Tab');
	const row = console_.locator(`[data-testid="heat-row"][data-block="${block}"]`);
	await expect(row.getByTestId('heat-paper')).toHaveText('waarvan 5 op papier');
	await expect(row.locator('[data-rating="strong"]')).toHaveAttribute('data-count', '5');
	// A count that is no count is not taken: the field shows the stored count again.
	await cell.fill('-2');
	await cell.press('Tab');
	await expect(cell).toHaveValue('5');
	await console_.getByTestId('assessment-reveal').click();
	const projected = projector.page.locator(`[data-testid="heat-row"][data-block="${block}"]`);
	await expect(projected.getByTestId('heat-paper')).toHaveText('waarvan 5 op papier');
	await expect(projected.locator('[data-rating="strong"]')).toHaveAttribute('data-count', '5');
	await shot(projector.page, 'projector-heatmap-1920x1080');
	for (const size of ['laptop', 'projector', 'phone'] as const) {
		await console_.setViewportSize(SIZES[size]);
		await counts.scrollIntoViewIfNeeded();
		await shot(console_, `console-counts-${SIZES[size].width}x${SIZES[size].height}`);
	}

	// The report marks the card and counts the hand count.
	const docx = new URL(
		(await console_.getByTestId('report-docx').getAttribute('href'))!,
		'http://x'
	);
	const base = docx.pathname.replace(/\.docx$/, '');
	const key = docx.searchParams.get('key')!;
	await expect(async () => {
		const md = await (await request.get(`${base}.md?key=${key}`)).text();
		expect(md).toContain('Een bank aan de kerk waar iedereen stopt (op papier)');
		expect(md).toMatch(/Geteld op papier en meegerekend: [^\n]+ 5\./);
		const csv = await (await request.get(`${base}.csv?key=${key}`)).text();
		expect(csv).toContain('"5 op papier"');
	}).toPass();

	for (const session of [facilitator, projector, phone]) await session.context.close();
});

test('hand-counted paper ballots count in the revealed vote, on the projector and in the report', async ({
	browser,
	request
}) => {
	test.setTimeout(240_000);
	const facilitator = await newPage(browser, 'laptop');
	const console_ = facilitator.page;
	await startWorkshop(console_, '', { workshop: 'Resoluties over solidaire zorg' });
	const projector = await newPage(browser, 'projector');
	await projector.page.goto((await console_.getByTestId('open-projector').getAttribute('href'))!);
	const title = 'Thema 1: ruimte om elkaar te ontmoeten';
	await console_.getByTestId('agenda-step').filter({ hasText: title }).click();
	await expect(projector.page.getByTestId('step-title')).toHaveText(title);

	const counts = await typePaperCounts(console_, 'r1', { approve: '7', reject: '2' });
	await expect(counts.locator('summary')).toContainText('(9)');
	// Before the reveal the projector shows no result, paper or not.
	await expect(projector.page.getByTestId('vote-result')).toHaveCount(0);
	await console_.getByTestId('vote-reveal').click();
	const result = projector.page.locator('[data-testid="vote-result"][data-statement="r1"]');
	await expect(result.getByTestId('vote-paper')).toHaveText('waarvan 9 op papier');
	await expect(result).toHaveAttribute('data-outcome', 'approved');
	await expect(result.getByTestId('vote-numbers')).toContainText('Voor: 7');
	await shot(projector.page, 'projector-vote-1920x1080');
	for (const size of ['laptop', 'projector', 'phone'] as const) {
		await console_.setViewportSize(SIZES[size]);
		await counts.scrollIntoViewIfNeeded();
		await shot(console_, `console-vote-${SIZES[size].width}x${SIZES[size].height}`);
	}

	const docx = new URL(
		(await console_.getByTestId('report-docx').getAttribute('href'))!,
		'http://x'
	);
	const base = docx.pathname.replace(/\.docx$/, '');
	const key = docx.searchParams.get('key')!;
	await expect(async () => {
		const md = await (await request.get(`${base}.md?key=${key}`)).text();
		expect(md).toMatch(/Geteld op papier en meegerekend: [^\n]+ 9\./);
		const csv = await (await request.get(`${base}.csv?key=${key}`)).text();
		expect(csv).toContain('"waarvan 9 op papier"');
	}).toPass();

	for (const session of [facilitator, projector]) await session.context.close();
});
