// A participant changes the text of their own note in place (the shared inline editor):
// cancel keeps the text, a blank text is not saved, a new text reaches the projector.
import { expect, test } from '@playwright/test';
import { addNote, joinWithLink, newPage, startWorkshop } from './helpers';

test('a participant edits their own note in place', async ({ browser }) => {
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page);
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(
		(await facilitator.page.getByTestId('open-projector').getAttribute('href'))!
	);
	const person = await newPage(browser, 'phone');
	await joinWithLink(person.page, `/join/${joinCode}`, 'Anna');
	await addNote(person.page, 'Buurtfeest in juni');
	const mine = person.page.getByTestId('my-note');
	const field = mine.getByRole('textbox');

	// Cancel: the old text stays.
	await mine.getByRole('button', { name: 'Wijzigen' }).click();
	await expect(field).toHaveValue('Buurtfeest in juni');
	await field.fill('Iets anders');
	await mine.getByRole('button', { name: 'Annuleren' }).click();
	await expect(mine.locator('p')).toHaveText('Buurtfeest in juni');

	// A blank text is not saved.
	await mine.getByRole('button', { name: 'Wijzigen' }).click();
	await field.fill('   ');
	await mine.getByRole('button', { name: 'Bewaren' }).click();
	await expect(field).toHaveCount(0);
	await expect(mine.locator('p')).toHaveText('Buurtfeest in juni');

	// A new text is saved and reaches the projector.
	await mine.getByRole('button', { name: 'Wijzigen' }).click();
	await expect(field).toHaveValue('Buurtfeest in juni');
	await field.fill('Buurtfeest in september');
	await mine.getByRole('button', { name: 'Bewaren' }).click();
	await expect(mine.locator('p')).toHaveText('Buurtfeest in september');
	await expect(projector.page.getByTestId('note').filter({ hasText: 'september' })).toHaveCount(1);
	await expect(projector.page.getByTestId('note').filter({ hasText: 'juni' })).toHaveCount(0);
});

test('a change to a note that was not saved yet stays on the phone', async ({ browser }) => {
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page);
	const person = await newPage(browser, 'phone');
	await joinWithLink(person.page, `/join/${joinCode}`, 'Godelieve Vanderstraeten');
	await addNote(person.page, 'Een buurthuis waar iedereen binnen mag');
	const mine = person.page.getByTestId('my-note');
	const change = 'Een buurthuis waar iedereen binnen mag, ook zonder afspraak of lidkaart';

	// Halfway through a change the phone reloads (a lost connection, a tap on the wrong button).
	await mine.getByRole('button', { name: 'Wijzigen' }).click();
	await mine.getByRole('textbox').fill(change);
	await person.page.reload();
	await expect(mine.getByRole('textbox')).toHaveValue(change);
	await expect(mine.getByTestId('edit-kept')).toBeVisible();
	await person.page.screenshot({ path: 'tests/e2e/screenshots/phone-note-edit-kept.png' });
	await expect(facilitator.page.getByTestId('console-typing')).toHaveText('1 persoon typt nog');

	// The step is locked: the change is shown, read-only, marked "Niet verstuurd".
	await facilitator.page.getByTestId('toggle-lock').click();
	await expect(mine.getByTestId('unsent-locked')).toContainText(change);
	await facilitator.page.getByTestId('toggle-lock').click();

	// Saved: the card has the new text and nothing is kept any more.
	await mine.getByRole('button', { name: 'Bewaren' }).click();
	await expect(mine.locator('p').first()).toHaveText(change);
	await person.page.reload();
	await expect(mine.locator('p').first()).toHaveText(change);
	await expect(mine.getByRole('textbox')).toHaveCount(0);
	await expect(facilitator.page.getByTestId('console-typing')).toBeHidden();
	for (const { context } of [facilitator, person]) await context.close();
});
