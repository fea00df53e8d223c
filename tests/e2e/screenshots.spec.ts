// Screenshots of every screen at projector, laptop and phone size, for a person to look at
// (tests/e2e/screenshots/, not committed).
import { expect, test, type Page } from '@playwright/test';
import { addNote, joinWithLink, newPage, SIZES, startWorkshop, type Size } from './helpers';

const DIR = 'tests/e2e/screenshots';

async function shoot(page: Page, name: string) {
	for (const size of Object.keys(SIZES) as Size[]) {
		await page.setViewportSize(SIZES[size]);
		await page.waitForTimeout(150);
		await page.screenshot({ path: `${DIR}/${name}-${size}.png`, fullPage: false });
	}
}

test('every screen at every size', async ({ browser }) => {
	const facilitator = await newPage(browser, 'laptop');
	await facilitator.page.goto('/');
	await shoot(facilitator.page, 'home');
	const { joinCode } = await startWorkshop(facilitator.page);
	const projectorHref = await facilitator.page.getByTestId('open-projector').getAttribute('href');
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(projectorHref!);
	await expect(projector.page.getByTestId('projector-code')).toHaveText(joinCode);
	await shoot(projector.page, 'projector-empty');

	const participant = await newPage(browser, 'phone');
	await participant.page.goto(`/join/${joinCode}`);
	await shoot(participant.page, 'join');
	await joinWithLink(participant.page, `/join/${joinCode}`, 'Fatima');
	const texts = [
		'Ik ben Fatima, ik werk bij het OCMW als maatschappelijk werker.',
		'Vorige week bracht mijn buurvrouw soep toen ik ziek was.',
		'Jan, vrijwilliger in het dienstencentrum',
		'Ik wil leren hoe andere gemeenten dit aanpakken.',
		'Huisarts in de wijk, benieuwd naar samenwerking.'
	];
	for (const text of texts) await addNote(participant.page, text);
	await shoot(participant.page, 'participant');
	await expect(projector.page.getByTestId('note')).toHaveCount(texts.length);
	await facilitator.page.getByTestId('timer-start').click();
	await shoot(projector.page, 'projector-notes');
	await shoot(facilitator.page, 'console');
	await facilitator.page
		.getByTestId('synthesis-vision')
		.fill('Samen zorgen we voor een buurt waar niemand alleen staat.');
	const reportHref = await facilitator.page.getByTestId('report-open').getAttribute('href');
	const report = await newPage(browser, 'laptop');
	await report.page.goto(reportHref!);
	await shoot(report.page, 'report');
	await report.context.close();
	await facilitator.page.getByTestId('toggle-pause').click();
	await expect(projector.page.getByTestId('pause-screen')).toBeVisible();
	await shoot(projector.page, 'projector-pause');
	for (const session of [facilitator, projector, participant]) await session.context.close();
});
