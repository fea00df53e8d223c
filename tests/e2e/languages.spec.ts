// Each device chooses its own language (issue 16): a phone follows in French while the projector
// and the console stay in Dutch; contributions stay as written; the report in nl, en or fr.
import { expect, test, type Page } from '@playwright/test';
import { addNote, newPage, SIZES, startWorkshop, type Size } from './helpers';

const DIR = 'tests/e2e/screenshots';

async function shoot(page: Page, name: string, sizes: Size[] = Object.keys(SIZES) as Size[]) {
	for (const size of sizes) {
		await page.setViewportSize(SIZES[size]);
		await page.waitForTimeout(150);
		await page.screenshot({ path: `${DIR}/${name}-${size}.png`, fullPage: false });
	}
}

test('a phone follows in French while the projector and the console stay in Dutch', async ({
	browser
}) => {
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page);
	const projectorHref = await facilitator.page.getByTestId('open-projector').getAttribute('href');
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(projectorHref!);
	await expect(projector.page.getByTestId('projector-code')).toHaveText(joinCode);

	// The participant's phone: French from the start page on, by its own choice.
	const phone = await newPage(browser, 'phone');
	await phone.page.goto('/');
	await phone.page.getByRole('button', { name: 'FR' }).click();
	await expect(phone.page.getByRole('heading', { name: 'Participer à un atelier' })).toBeVisible();
	await expect(phone.page.locator('html')).toHaveAttribute('lang', 'fr');
	await shoot(phone.page, 'fr-home');
	await phone.page.goto(`/join/${joinCode}`);
	await expect(phone.page.getByRole('heading', { name: "Bienvenue à l'atelier" })).toBeVisible();
	await shoot(phone.page, 'fr-join', ['phone']);
	await phone.page.getByTestId('join-submit').click();
	// The workshop's own texts in French on the phone, in Dutch on the projector.
	await expect(phone.page.getByTestId('step-title')).toHaveText('Présentations');
	await expect(projector.page.getByText('Kennismaking').first()).toBeVisible();
	await expect(phone.page.getByTestId('note-input')).toHaveAttribute(
		'placeholder',
		'Écrivez brièvement, une idée par fiche'
	);
	// A contribution stays as written, in whatever language.
	await addNote(phone.page, 'Ma voisine m’a apporté de la soupe.');
	await addNote(phone.page, 'Ik woon hier al dertig jaar.');

	// The projector and the console, in other browsers, stay in Dutch and show the notes as written.
	await expect(projector.page.getByTestId('note')).toHaveCount(2);
	await expect(projector.page.getByText('Ma voisine m’a apporté de la soupe.')).toBeVisible();
	await expect(projector.page.getByText('Doe mee op')).toBeVisible();
	await expect(facilitator.page.getByText('Begeleiderspaneel', { exact: true })).toBeVisible();
	await projector.page.reload();
	await expect(projector.page.getByText('Doe mee op')).toBeVisible();
	await expect(projector.page.locator('html')).toHaveAttribute('lang', 'nl');
	await expect(facilitator.page.locator('html')).toHaveAttribute('lang', 'nl');
	await shoot(phone.page, 'fr-participant', ['phone']);
	await shoot(projector.page, 'nl-projector-beside-fr', ['projector']);
	await shoot(facilitator.page, 'nl-console-beside-fr', ['laptop']);

	// The phone keeps French after a reload; switching back to Dutch is one tap.
	await phone.page.reload();
	await expect(phone.page.getByTestId('note-input')).toHaveAttribute(
		'placeholder',
		'Écrivez brièvement, une idée par fiche'
	);
	await phone.page.getByRole('button', { name: 'NL' }).click();
	await expect(phone.page.getByTestId('note-input')).toHaveAttribute(
		'placeholder',
		'Schrijf kort, één idee per kaartje'
	);

	// The report in the language asked for; the notes in theirs.
	const reportHref = await facilitator.page.getByTestId('report-open').getAttribute('href');
	const report = (lang: string) =>
		facilitator.page.request.get(
			// With names and introductions (private by default): the notes are a round's.
			reportHref!.replace(/\.html\?/, '.md?').replace(/lang=\w+/, `lang=${lang}&names=1`)
		);
	const french = await report('fr');
	expect(french.status()).toBe(200);
	const frenchText = await french.text();
	expect(frenchText).toContain("Compte rendu de l'atelier");
	expect(frenchText).toContain('Ma voisine m’a apporté de la soupe.');
	expect(frenchText).toContain('Ik woon hier al dertig jaar.');
	expect(await (await report('en')).text()).toContain('Report of the workshop');
	expect(await (await report('nl')).text()).toContain('Verslag van de workshop');
	// The console picks the report's language without changing its own.
	await facilitator.page.getByTestId('report-language').selectOption('fr');
	await expect(facilitator.page.getByTestId('report-open')).toHaveAttribute('href', /lang=fr/);
	await expect(facilitator.page.getByText('Begeleiderspaneel', { exact: true })).toBeVisible();
	const unknown = await report('de');
	expect(unknown.status()).toBe(400);
	expect((await unknown.json()).error).toBe('no report language "de": use nl, en, fr');

	// The building blocks in French on the phone, while the console goes on in Dutch.
	await phone.page.getByRole('button', { name: 'FR' }).click();
	await facilitator.page.getByRole('button', { name: 'Ga naar Referentiekader' }).click();
	await expect(phone.page.getByTestId('step-title')).toHaveText('Cadre de référence');
	await expect(phone.page.getByText('Repérage').first()).toBeVisible();
	await shoot(phone.page, 'fr-assessment', ['phone']);

	for (const session of [facilitator, projector, phone]) await session.context.close();
});
