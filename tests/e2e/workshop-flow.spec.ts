// A whole room: facilitator, projector and two participants (one by QR link, one by code).
import { expect, test } from '@playwright/test';
import {
	addNote,
	joinWithLink,
	newPage,
	startWorkshop,
	expectNoSeriousA11yViolations
} from './helpers';

test('facilitator, projector and participants walk the workshop together', async ({ browser }) => {
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page);
	expect(joinCode).toMatch(/^[A-Z]{3}-[0-9]{3}$/);
	await expectNoSeriousA11yViolations(facilitator.page, 'console');

	const projectorHref = await facilitator.page.getByTestId('open-projector').getAttribute('href');
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(projectorHref!);
	await expect(projector.page.getByTestId('projector-code')).toHaveText(joinCode);
	await expectNoSeriousA11yViolations(projector.page, 'projector');

	const qrTarget = await projector.page.getByTestId('qr-code').getAttribute('data-url');
	expect(qrTarget).toContain(`/join/${joinCode}`);
	const anna = await newPage(browser, 'laptop');
	await joinWithLink(anna.page, qrTarget!, 'Anna');
	await expectNoSeriousA11yViolations(anna.page, 'participant');

	const bert = await newPage(browser, 'phone');
	await bert.page.goto('/');
	await bert.page.getByTestId('join-code-input').fill(joinCode.toLowerCase().replace('-', ''));
	await bert.page.getByTestId('join-code-submit').click();
	await bert.page.getByTestId('join-submit').click();
	await expect(bert.page.getByTestId('step-title')).toHaveText('Kennismaking');

	await expect(facilitator.page.getByTestId('online-participants')).toContainText('2');
	await expect(projector.page.getByTestId('participant-count')).toContainText('2');

	await addNote(anna.page, 'Ik ben Anna, buurtwerker in Kessel-Lo');
	await addNote(bert.page, 'Bert, vrijwilliger bij de voedselbank <b>vet</b>');
	const wall = projector.page.getByTestId('note');
	await expect(wall).toHaveCount(2);
	await expect(wall.filter({ hasText: 'Anna' }).first()).toContainText('Anna');
	await expect(wall.filter({ hasText: '<b>vet</b>' })).toHaveCount(1);

	await facilitator.page
		.getByTestId('moderation-note')
		.filter({ hasText: 'Bert' })
		.getByTestId('toggle-hidden')
		.click();
	await expect(wall).toHaveCount(1);
	await expect(projector.page.getByText('Bert, vrijwilliger')).toHaveCount(0);

	await facilitator.page.getByTestId('next-step').click();
	for (const page of [projector.page, anna.page, bert.page]) {
		await expect(page.getByTestId('step-title')).toHaveText('Verwachtingen');
	}
	await expect(projector.page.getByTestId('note')).toHaveCount(0);

	await facilitator.page.getByTestId('previous-step').click();
	await expect(bert.page.getByTestId('step-title')).toHaveText('Kennismaking');
	await expect(bert.page.getByTestId('my-note')).toHaveCount(1);

	for (const session of [facilitator, projector, anna, bert]) await session.context.close();
});
