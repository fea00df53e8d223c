// Brainstorm steps: notes in prompt columns, clusters, merges, typo fixes, dot voting, and the
// silent round where notes stay private until the facilitator shows them.
import { expect, test, type Page } from '@playwright/test';
import {
	addNote,
	joinWithLink,
	newPage,
	startWorkshop,
	expectNoSeriousA11yViolations
} from './helpers';

const SHOTS = 'tests/e2e/screenshots';

async function addNoteIn(page: Page, column: number, text: string) {
	await page.getByTestId('note-column').selectOption({ index: column });
	await addNote(page, text);
}

/** Facilitator laptop, projector, three participants on phones. */
async function openRoom(browser: import('@playwright/test').Browser, title: string) {
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page, title);
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(
		(await facilitator.page.getByTestId('open-projector').getAttribute('href'))!
	);
	const people = [];
	for (const name of ['Anna', 'Bert', '']) {
		const person = await newPage(browser, 'phone');
		await joinWithLink(person.page, `/join/${joinCode}`, name);
		people.push(person);
	}
	return { facilitator, projector, people };
}

async function goToStep(pages: Page[], desk: Page, index: number, title: string) {
	await desk.getByTestId('agenda-step').nth(index).click();
	for (const page of [desk, ...pages]) {
		await expect(page.getByTestId('step-title')).toHaveText(title);
	}
}

test('columns, clusters by keyboard and by drag, a merge, a typo fix and dot voting', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const { facilitator, projector, people } = await openRoom(browser, 'Brainstorm');
	const [anna, bert, chris] = people.map((p) => p.page) as [Page, Page, Page];
	const desk = facilitator.page;
	await goToStep([projector.page, anna, bert, chris], desk, 3, 'Denkoefening');

	await addNoteIn(anna, 0, 'Buren die elkaar kennen');
	await addNoteIn(anna, 1, 'Een buurtfest in de zomer');
	await addNoteIn(bert, 0, 'buren die elkaar kennen');
	await addNoteIn(chris, 2, 'Een bakker om de hoek');
	await addNoteIn(chris, 2, 'Een speelplein');

	const columns = projector.page.locator('.column');
	await expect(columns).toHaveCount(5);
	await expect(columns.nth(0).getByTestId('note')).toHaveCount(2);
	await expect(columns.nth(1)).toContainText('Een buurtfest');
	await expect(columns.nth(2).getByTestId('note')).toHaveCount(2);

	/** The facilitator's row of the note whose text starts with `text` (case-sensitive). */
	const row = (text: string) =>
		desk.getByTestId('moderation-note').filter({
			has: desk.getByTestId('console-note-text').filter({ hasText: new RegExp(`^${text}`) })
		});

	const cluster = (title: string) =>
		desk.getByTestId('cluster').filter({
			has: desk.getByTestId('cluster-title').filter({ hasText: title })
		});

	// A cluster made with the keyboard only; a note moved into it with its menu.
	await desk.getByTestId('new-cluster-title').focus();
	await desk.keyboard.type('Ontmoeting');
	await desk.keyboard.press('Enter');
	const ontmoeting = cluster('Ontmoeting');
	await expect(ontmoeting).toBeVisible();
	await row('Een buurtfest').getByTestId('note-cluster').selectOption({ label: 'Ontmoeting' });
	await expect(ontmoeting.getByTestId('moderation-note')).toHaveCount(1);

	// A second cluster, renamed, and a note dragged into it.
	await desk.getByTestId('new-cluster-title').fill('Winkels');
	await desk.getByTestId('add-cluster').click();
	const winkels = desk.locator(
		`[data-cluster-id="${await cluster('Winkels').getAttribute('data-cluster-id')}"]`
	);
	await winkels.getByTestId('rename-cluster').click();
	await winkels.getByTestId('cluster-title-input').fill('Voorzieningen');
	await winkels.getByTestId('cluster-title-save').click();
	const voorzieningen = cluster('Voorzieningen');
	// The mouse drags within one screen: the group at the top, the note below it.
	await voorzieningen.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await row('Een bakker').dragTo(voorzieningen, { sourcePosition: { x: 12, y: 10 } });
	await expect(voorzieningen.getByTestId('moderation-note')).toContainText('Een bakker');
	await voorzieningen.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await row('Een speelplein').dragTo(voorzieningen, { sourcePosition: { x: 12, y: 10 } });
	await expect(voorzieningen.getByTestId('moderation-note')).toHaveCount(2);

	await expect(projector.page.getByTestId('projector-cluster')).toHaveText([
		'Ontmoeting',
		'Voorzieningen'
	]);
	await expect(
		columns.nth(2).getByTestId('projector-group').filter({ hasText: 'Voorzieningen' })
	).toContainText('Een speelplein');

	// A merge, undone, and done again.
	await row('buren die elkaar kennen')
		.getByTestId('note-merge')
		.selectOption({ label: 'Buren die elkaar kennen' });
	await expect(columns.nth(0).getByTestId('note')).toHaveCount(1);
	await expect(row('Buren die elkaar kennen').getByTestId('duplicate')).toHaveCount(1);
	await row('Buren die elkaar kennen').getByTestId('unmerge').click();
	await expect(columns.nth(0).getByTestId('note')).toHaveCount(2);
	await row('buren die elkaar kennen')
		.getByTestId('note-merge')
		.selectOption({ label: 'Buren die elkaar kennen' });
	await expect(columns.nth(0).getByTestId('note')).toHaveCount(1);

	// The facilitator fixes a typo; the projector follows.
	await row('Een buurtfest').getByTestId('fix-note').click();
	await desk.getByTestId('fix-input').fill('Een buurtfeest in de zomer');
	await desk.getByTestId('fix-save').click();
	await expect(columns.nth(1)).toContainText('Een buurtfeest in de zomer');

	// Dot voting: three dots each, never more.
	await desk.getByTestId('toggle-voting').click();
	await expect(projector.page.getByTestId('projector-voting')).toBeVisible();
	const vote = (page: Page, text: string) =>
		page.getByTestId('vote-note').filter({ hasText: text });
	await expect(anna.getByTestId('vote-note')).toHaveCount(4);
	await expect(anna.getByTestId('dots-left')).toHaveText('Nog 3 van 3 stippen over');
	for (let i = 0; i < 3; i++) await vote(anna, 'buurtfeest').getByTestId('dot-add').click();
	await expect(anna.getByTestId('dots-left')).toHaveAttribute('data-left', '0');
	for (const button of await anna.getByTestId('dot-add').all()) await expect(button).toBeDisabled();
	await vote(anna, 'buurtfeest').getByTestId('dot-remove').click();
	await vote(anna, 'Buren').getByTestId('dot-add').click();
	await expect(vote(anna, 'buurtfeest')).toHaveAttribute('data-own', '2');
	await expect(anna.getByTestId('dots-left')).toHaveAttribute('data-left', '0');

	for (const text of ['Buren', 'bakker', 'bakker'])
		await vote(bert, text).getByTestId('dot-add').click();
	await expect(bert.getByTestId('dot-add').first()).toBeDisabled();
	for (const text of ['bakker', 'speelplein', 'Buren'])
		await vote(chris, text).getByTestId('dot-add').click();
	await expect(chris.getByTestId('dots-left')).toHaveAttribute('data-left', '0');

	// Before the reveal: tallies only on the desk.
	await expect(anna.getByTestId('vote-total')).toHaveCount(0);
	await expect(projector.page.getByTestId('note-dots')).toHaveCount(0);
	await expect(projector.page.getByTestId('dot-podium')).toHaveCount(0);
	await expect(row('Een bakker').getByTestId('console-dots')).toHaveAttribute('data-count', '3');
	await expect(row('Buren die elkaar kennen').getByTestId('console-dots')).toHaveAttribute(
		'data-count',
		'3'
	);
	await desk.screenshot({ path: `${SHOTS}/brainstorm-console-1366x768.png`, fullPage: true });
	await anna.screenshot({ path: `${SHOTS}/brainstorm-participant-voting-390x844.png` });

	await desk.getByTestId('toggle-voting').click();
	await desk.getByTestId('toggle-results').click();
	const dotsOn = (text: string) =>
		projector.page.getByTestId('note').filter({ hasText: text }).getByTestId('note-dots');
	await expect(dotsOn('bakker')).toHaveAttribute('data-count', '3');
	await expect(dotsOn('Buren')).toHaveAttribute('data-count', '3');
	await expect(dotsOn('buurtfeest')).toHaveAttribute('data-count', '2');
	await expect(dotsOn('speelplein')).toHaveAttribute('data-count', '1');
	// Ranked over the whole board: the two cards with three dots, then the party with two.
	const podium = projector.page.getByTestId('podium-item');
	await expect(podium).toHaveCount(3);
	await expect(podium.nth(0)).toHaveAttribute('data-count', '3');
	await expect(podium.nth(1)).toHaveAttribute('data-count', '3');
	await expect(podium.nth(2)).toHaveAttribute('data-count', '2');
	await expect(podium.nth(2)).toContainText('buurtfeest');
	await projector.page.screenshot({ path: `${SHOTS}/brainstorm-projector-dots-1920x1080.png` });
	// Sorted by dots within its cluster: the bakery before the playground.
	await expect(
		columns.nth(2).getByTestId('projector-group').first().getByTestId('note')
	).toContainText(['Een bakker', 'Een speelplein']);
	await expect(vote(anna, 'bakker').getByTestId('vote-total')).toContainText('3');
	await expect(vote(anna, 'bakker').getByTestId('dot-add')).toHaveCount(0);

	await projector.page.screenshot({ path: `${SHOTS}/brainstorm-projector-1920x1080.png` });
	await anna.screenshot({ path: `${SHOTS}/brainstorm-participant-results-390x844.png` });
	await expectNoSeriousA11yViolations(desk, 'console');
	await expectNoSeriousA11yViolations(projector.page, 'projector');
	await expectNoSeriousA11yViolations(anna, 'participant');

	for (const session of [facilitator, projector, ...people]) await session.context.close();
});

test('a silent round: notes stay private until the facilitator shows them', async ({ browser }) => {
	test.setTimeout(180_000);
	const { facilitator, projector, people } = await openRoom(browser, 'Stille ronde');
	const [anna, bert, chris] = people.map((p) => p.page) as [Page, Page, Page];
	const desk = facilitator.page;
	await goToStep([projector.page, anna, bert, chris], desk, 6, 'Wie kan eraan werken?');

	await expect(anna.getByTestId('silent-notice')).toBeVisible();
	await addNoteIn(anna, 0, 'De wijkagent');
	await addNoteIn(anna, 2, 'Het OCMW');
	await addNoteIn(bert, 1, 'De voetbalclub');

	await expect(projector.page.getByTestId('projector-waiting')).toHaveAttribute('data-count', '3');
	await expect(desk.getByTestId('console-waiting')).toHaveAttribute('data-count', '3');
	for (const page of [projector.page, chris, desk]) {
		await expect(page.getByText('De wijkagent')).toHaveCount(0);
		await expect(page.getByText('De voetbalclub')).toHaveCount(0);
	}
	await expect(chris.getByTestId('group-notes')).toHaveCount(0);
	await projector.page.screenshot({ path: `${SHOTS}/brainstorm-projector-silent-1920x1080.png` });
	await anna.screenshot({ path: `${SHOTS}/brainstorm-participant-silent-390x844.png` });
	await expectNoSeriousA11yViolations(projector.page, 'projector (silent)');
	await expectNoSeriousA11yViolations(anna, 'participant (silent)');
	await expectNoSeriousA11yViolations(desk, 'console (silent)');

	await desk.getByTestId('show-notes').click();
	await expect(projector.page.getByTestId('projector-waiting')).toHaveCount(0);
	await expect(projector.page.getByTestId('note')).toHaveCount(3);
	const columns = projector.page.locator('.column');
	await expect(columns.nth(0)).toContainText('De wijkagent');
	await expect(columns.nth(1)).toContainText('De voetbalclub');
	await expect(columns.nth(2)).toContainText('Het OCMW');
	await chris.getByTestId('group-notes').locator('summary').click();
	await expect(chris.getByTestId('group-note')).toHaveCount(3);
	await expect(anna.getByTestId('silent-notice')).toHaveCount(0);
	await expect(anna.getByTestId('my-note')).toHaveCount(2);
	await expect(desk.getByTestId('moderation-note')).toHaveCount(3);

	// After the reveal a new note goes straight to the board.
	await addNoteIn(chris, 0, 'Het buurtcomité');
	await expect(projector.page.getByTestId('note')).toHaveCount(4);
	await projector.page.screenshot({
		path: `${SHOTS}/brainstorm-projector-revealed-1920x1080.png`
	});

	for (const session of [facilitator, projector, ...people]) await session.context.close();
});
