// Issue 15: everyone can take part. axe with every rule (best practices too) on the screens and
// states people meet, reflow at 320 px and at 200 % text, the join flow that checks the code
// before greeting anyone, the clear failure screens, the page titles, the live region and focus
// on a step change, and the projector's honest sound toggle.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { joinWithLink, newPage, SIZES, type Size } from './helpers';

const WORKSHOP = 'visievorming-zorgzame-buurten';

type Created = {
	id: string;
	joinCode: string;
	facilitatorKey: string;
	viewerKey: string;
	urls: { facilitator: string; projector: string; join: string };
};

/** What axe-core finds with every rule it has, best practices included. */
async function violationsOf(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/** axe-core with every rule it has, best practices included: nothing of any impact. */
async function expectNoA11yViolations(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	expect(
		results.violations.map(
			(v) => `${v.id} (${v.impact}): ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		),
		what
	).toEqual([]);
}

/** The page does not scroll sideways (WCAG 1.4.10). */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
	const widths = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth
	}));
	expect(
		widths.scroll,
		`${what}: ${widths.scroll} px of content in ${widths.client} px`
	).toBeLessThanOrEqual(widths.client);
}

async function textAt200(page: Page): Promise<void> {
	await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
}

async function focusedTestId(page: Page): Promise<string | null> {
	return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

test.describe('accessibility', () => {
	test('the start page checks the code before anyone is greeted, in the field', async ({
		browser,
		request
	}) => {
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Wilsele' } })
		).json()) as Created;
		const { page, context } = await newPage(browser, 'phone');
		await page.goto('/');
		const field = page.getByTestId('join-code-input');
		const problem = page.getByTestId('join-code-error');

		// Empty: said at once, the field marked, the cursor stays in it.
		await page.getByTestId('join-code-submit').click();
		await expect(problem).toContainText('Tik eerst de code in');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await expect(field).toBeFocused();
		await expect(problem).toHaveAttribute('role', 'alert');

		// Not a code at all, and a code nobody uses: never "Welkom".
		await field.fill('12');
		await field.press('Enter');
		await expect(problem).toContainText('3 letters en 3 cijfers');
		await expect(field).toBeFocused();
		await field.fill('ZZZ-999');
		await field.press('Enter');
		await expect(problem).toContainText('Deze code kennen we niet');
		await expect(field).toBeFocused();
		await expect(page).toHaveURL(/\/$/);
		await expectNoA11yViolations(page, 'start page with a wrong code');

		// Typing again clears the message; the right code goes on to the welcome.
		await field.fill(created.joinCode.toLowerCase().replace('-', ' '));
		await expect(field).not.toHaveAttribute('aria-invalid');
		await field.press('Enter');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom bij de workshop');
		await expect(page).toHaveTitle('Welkom bij de workshop · Visiewerkplaats');
		await expectNoA11yViolations(page, 'join page');

		// A link with a code that does not work: no welcome, the code in a field to correct.
		await page.goto('/join/ZZZ-998');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze code werkt niet');
		await expect(page.getByTestId('join-error')).toContainText('Deze code kennen we niet');
		await expect(page.getByText('Welkom bij de workshop')).toHaveCount(0);
		await expectNoA11yViolations(page, 'join page with a wrong code');
		const retry = page.getByTestId('join-code-input');
		await retry.fill(created.joinCode);
		await retry.press('Enter');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom bij de workshop');
		await expect(page.getByTestId('join-name')).toBeFocused();
		await context.close();
	});

	test('the one-hour choice says its own minutes and steps', async ({ page }) => {
		await page.goto('/');
		const chosen = page.locator('label.workshop.chosen .meta');
		const full = await chosen.textContent();
		const variants = page.locator('label.variant');
		test.skip((await variants.count()) < 2, 'the first workshop has one variant');
		await variants.nth(1).click();
		await expect(chosen).not.toHaveText(full!);
	});

	test('a 404 page has a title, a main landmark and the way back; the statement is linked', async ({
		page
	}) => {
		const response = await page.goto('/bestaat-niet');
		expect(response?.status()).toBe(404);
		await expect(page).toHaveTitle('Pagina niet gevonden · Visiewerkplaats');
		await expect(page.getByRole('main')).toHaveCount(1);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
		await expectNoA11yViolations(page, '404 page');

		await page.goto('/');
		await page.getByTestId('accessibility-link').click();
		await expect(page).toHaveURL(/\/toegankelijkheid$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toegankelijkheidsverklaring');
		for (const section of [
			'Nalevingsstatus',
			'Niet-toegankelijke inhoud',
			'Opstelling van deze verklaring',
			'Feedback en contactgegevens',
			'Handhavingsprocedure'
		])
			await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
		await expectNoA11yViolations(page, 'accessibility statement');
	});

	test('reflow: no sideways scrolling at 320 px, nor at 200 % text on a phone', async ({
		browser,
		request
	}) => {
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Reflow' } })
		).json()) as Created;
		const narrow = await browser.newContext({ viewport: { width: 320, height: 640 } });
		const page = await narrow.newPage();
		await page.goto('/');
		await page.getByTestId('join-code-input').fill('KDM-482');
		await expectNoSidewaysScroll(page, 'start page at 320 px');
		await expect(page.locator('button[lang="en"]')).toBeInViewport();
		await page.goto(`/join/${created.joinCode}`);
		await expect(page.getByTestId('join-name')).toBeVisible();
		await expectNoSidewaysScroll(page, 'join page at 320 px');
		await joinWithLink(page, `/join/${created.joinCode}`);
		await expectNoSidewaysScroll(page, 'first step at 320 px');
		await page.goto('/toegankelijkheid');
		await expectNoSidewaysScroll(page, 'statement at 320 px');

		const phone = await newPage(browser, 'phone');
		await joinWithLink(phone.page, `/join/${created.joinCode}`);
		await textAt200(phone.page);
		await expectNoSidewaysScroll(phone.page, 'first step at 200 % text');
		await phone.page.goto('/');
		await textAt200(phone.page);
		await expectNoSidewaysScroll(phone.page, 'start page at 200 % text');
		await narrow.close();
		await phone.context.close();
	});

	test('a step change is announced once, focus moves to its heading, the title names the step', async ({
		browser,
		request
	}) => {
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Live' } })
		).json()) as Created;
		const facilitator = await newPage(browser, 'laptop');
		await facilitator.page.goto(created.urls.facilitator);
		await expect(facilitator.page.getByTestId('console')).toBeVisible();
		const phone = await newPage(browser, 'phone');
		await joinWithLink(phone.page, `/join/${created.joinCode}`);
		const announcer = phone.page.getByTestId('announcer');
		await expect(announcer).toHaveAttribute('aria-live', 'polite');
		await expect(announcer).toHaveText('');
		const total = Number(
			(await phone.page.locator('[data-testid="step"] .count').textContent())!.match(
				/van (\d+)/
			)![1]
		);
		await expect(phone.page).toHaveTitle(
			new RegExp(`^Stap 1 van ${total} · .+ · Visiewerkplaats$`)
		);

		await facilitator.page.getByTestId('next-step').click();
		await expect(announcer).toHaveText(new RegExp(`^Nieuwe stap\\. Stap 2 van ${total}: .+`));
		await expect(phone.page.getByTestId('step-title')).toBeFocused();
		const title = (await phone.page.getByTestId('step-title').textContent())!.trim();
		await expect(phone.page).toHaveTitle(`Stap 2 van ${total} · ${title} · Visiewerkplaats`);
		await expect(facilitator.page).toHaveTitle(
			new RegExp(`^Stap 2 van ${total} · ${title} · Begeleiderspaneel · Live · Visiewerkplaats$`)
		);

		// The break: said once, and the title says it too.
		await facilitator.page.getByTestId('toggle-pause').click();
		await expect(announcer).toHaveText('Even pauze');
		await expect(phone.page).toHaveTitle('Even pauze · Visiewerkplaats');
		await facilitator.page.getByTestId('toggle-pause').click();
		await expect(announcer).toHaveText(new RegExp(`^Nieuwe stap\\. Stap 2 van ${total}`));

		// Locking the step.
		await facilitator.page.getByTestId('toggle-lock').click();
		await expect(announcer).toHaveText('Deze stap is nu gesloten. Je kan niets meer toevoegen.');
		await facilitator.page.getByTestId('toggle-lock').click();
		await expect(announcer).toHaveText('Deze stap is weer open. Je kan weer iets toevoegen.');

		// Toggles with a changing label carry no pressed state (never both).
		for (const id of ['toggle-pause', 'toggle-lock'])
			await expect(facilitator.page.getByTestId(id)).not.toHaveAttribute('aria-pressed');
		await facilitator.context.close();
		await phone.context.close();
	});

	test('the projector tells the truth about sound, with one kind of toggle', async ({
		browser,
		request
	}) => {
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Geluid' } })
		).json()) as Created;
		const projector = await newPage(browser, 'projector');
		await projector.page.goto(created.urls.projector);
		const sound = projector.page.getByTestId('sound-toggle');
		await expect(sound).toHaveAttribute('data-sound', 'blocked');
		await expect(sound).toContainText('Geluid staat uit');
		await expect(sound).not.toHaveAttribute('aria-pressed');
		await sound.click();
		await expect(sound).toHaveAttribute('data-sound', 'on');
		await expect(sound).toHaveAttribute('aria-pressed', 'true');
		// The name stays the same; only the pressed state (and the hidden icon) changes.
		await expect(sound).toHaveAccessibleName('Belsignaal als de tijd om is');
		await sound.click();
		await expect(sound).toHaveAttribute('aria-pressed', 'false');
		await expect(sound).toHaveAccessibleName('Belsignaal als de tijd om is');
		await projector.context.close();
	});

	test('an erased room says so on every open screen, instead of "Offline" for ever', async ({
		browser,
		request
	}) => {
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Gewist' } })
		).json()) as Created;
		const phone = await newPage(browser, 'phone');
		await joinWithLink(phone.page, `/join/${created.joinCode}`);
		const projector = await newPage(browser, 'projector');
		await projector.page.goto(created.urls.projector);
		await expect(projector.page.getByTestId('projector')).toBeVisible();

		const erased = await request.delete(`/api/rooms/${created.id}`, {
			headers: { authorization: `Bearer ${created.facilitatorKey}` }
		});
		expect(erased.ok()).toBe(true);
		for (const page of [phone.page, projector.page]) {
			await expect(page.getByTestId('room-failure')).toHaveAttribute('data-failure', 'erased');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('De workshop is afgelopen');
			await expect(page).toHaveTitle('De workshop is afgelopen · Visiewerkplaats');
		}
		await expect(phone.page.getByRole('heading', { level: 1 })).toBeFocused();
		await expectNoA11yViolations(phone.page, 'erased room on a phone');
		await phone.context.close();
		await projector.context.close();
	});

	for (const size of Object.keys(SIZES) as Size[]) {
		test(`axe finds nothing on the start page, the console, the projector and a phone (${size})`, async ({
			browser,
			request
		}) => {
			const created = (await (
				await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Axe' } })
			).json()) as Created;
			const { page, context } = await newPage(browser, size);
			await page.goto('/');
			await expectNoA11yViolations(page, `start page (${size})`);
			await joinWithLink(page, `/join/${created.joinCode}`);
			await expectNoA11yViolations(page, `participant, first step (${size})`);
			await page.goto(created.urls.projector);
			await expect(page.getByTestId('projector')).toBeVisible();
			await expectNoA11yViolations(page, `projector (${size})`);
			await page.goto(created.urls.facilitator);
			await expect(page.getByTestId('console')).toBeVisible();
			await expectNoA11yViolations(page, `console (${size})`);
			await context.close();
		});
	}

	test('keyboard only: a participant reaches the code, joins and lands on the step', async ({
		browser,
		request
	}) => {
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Toetsenbord' } })
		).json()) as Created;
		const { page, context } = await newPage(browser, 'laptop');
		await page.goto('/');
		await page.keyboard.press('Tab');
		// Through the language buttons to the code field.
		for (let i = 0; i < 6 && (await focusedTestId(page)) !== 'join-code-input'; i++)
			await page.keyboard.press('Tab');
		expect(await focusedTestId(page)).toBe('join-code-input');
		await page.keyboard.type(created.joinCode);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom bij de workshop');
		await page.keyboard.press('Tab');
		for (let i = 0; i < 8 && (await focusedTestId(page)) !== 'join-name'; i++)
			await page.keyboard.press('Tab');
		expect(await focusedTestId(page)).toBe('join-name');
		await page.keyboard.type('Els');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('step-title')).toBeVisible();
		await context.close();
	});

	test('keyboard only: the facilitator moves on and runs the timer, and focus stays with them', async ({
		browser,
		request
	}) => {
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Begeleider' } })
		).json()) as Created;
		const { page, context } = await newPage(browser, 'laptop');
		await page.goto(created.urls.facilitator);
		await expect(page.getByTestId('console')).toBeVisible();
		const next = page.getByTestId('next-step');
		await next.focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('step')).toContainText('Stap 2 van');
		await expect(next).toBeFocused();

		await page.getByTestId('timer-start').focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('timer-pause')).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('timer-resume')).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('timer-pause')).toBeFocused();
		await page.getByTestId('timer-reset').focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('timer-start')).toBeFocused();

		await page.getByTestId('toggle-lock').focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('toggle-lock')).toBeFocused();
		await context.close();
	});

	test('axe finds nothing on any step of the workshop: phone, console and projector', async ({
		browser,
		request
	}) => {
		test.setTimeout(300_000);
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Alle stappen' } })
		).json()) as Created;
		const facilitator = await newPage(browser, 'laptop');
		await facilitator.page.goto(created.urls.facilitator);
		await expect(facilitator.page.getByTestId('console')).toBeVisible();
		const projector = await newPage(browser, 'projector');
		await projector.page.goto(created.urls.projector);
		await expect(projector.page.getByTestId('projector')).toBeVisible();
		const phone = await newPage(browser, 'phone');
		await joinWithLink(phone.page, `/join/${created.joinCode}`, 'Mieke');
		const count = phone.page.locator('[data-testid="step"] .count');
		const total = Number((await count.textContent())!.match(/van (\d+)/)![1]);
		const found: string[] = [];
		for (let index = 1; index <= total; index++) {
			await expect(count).toHaveText(new RegExp(`Stap ${index} van`, 'i'));
			const type = await phone.page.getByTestId('step').getAttribute('data-step-id');
			for (const [view, page] of [
				['phone', phone.page],
				['console', facilitator.page],
				['projector', projector.page]
			] as const)
				for (const violation of await violationsOf(page))
					found.push(`${view}, step ${index} (${type}): ${violation}`);
			if (index < total) await facilitator.page.getByTestId('next-step').click();
		}
		expect(found).toEqual([]);
		for (const { context } of [facilitator, projector, phone]) await context.close();
	});

	test('keyboard only: focus after every action on a phone, and Escape closes every inline form', async ({
		browser,
		request
	}) => {
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Focus' } })
		).json()) as Created;
		const facilitator = await newPage(browser, 'laptop');
		await facilitator.page.goto(created.urls.facilitator);
		await facilitator.page
			.getByTestId('agenda-step')
			.filter({ hasText: 'Waar willen we naartoe?' })
			.click();
		const phone = await newPage(browser, 'laptop');
		const page = phone.page;
		await joinWithLink(page, `/join/${created.joinCode}`);
		await expect(page.getByTestId('step-title')).toHaveText('Waar willen we naartoe?');

		// Toevoegen: the cursor is back in the field for the next idea.
		const field = page.getByTestId('note-input');
		for (const text of ['Een bankje op elk plein', 'Buren kennen elkaar']) {
			await field.focus();
			await page.keyboard.type(text);
			await page.keyboard.press('Tab');
			await expect(page.getByTestId('note-submit')).toBeFocused();
			await page.keyboard.press('Enter');
			await expect(page.getByTestId('my-note').filter({ hasText: text })).toBeVisible();
			await expect(field).toBeFocused();
		}

		// Wijzigen: the cursor in the text; Escape closes and focus is back on Wijzigen.
		// By position: while it is edited, the card's text is in a field, which hasText does not read.
		const texts = await page.getByTestId('my-note').allTextContents();
		const first = page
			.getByTestId('my-note')
			.nth(texts.findIndex((text) => text.includes('Een bankje')));
		const change = first.getByRole('button', { name: 'Wijzigen' });
		await change.focus();
		await page.keyboard.press('Enter');
		await expect(first.locator('textarea')).toBeFocused();
		await page.keyboard.press('Escape');
		await expect(first.locator('textarea')).toHaveCount(0);
		await expect(change).toBeFocused();
		// Bewaren: focus back on the card's Wijzigen.
		await page.keyboard.press('Enter');
		await page.keyboard.press('End');
		await page.keyboard.type(' in de wijk');
		await first.getByRole('button', { name: 'Bewaren' }).focus();
		await page.keyboard.press('Enter');
		const edited = page.getByTestId('my-note').filter({ hasText: 'in de wijk' });
		await expect(edited.getByRole('button', { name: 'Wijzigen' })).toBeFocused();

		// Verwijderen: focus goes to the next card, never to the body.
		await edited.getByRole('button', { name: 'Verwijderen' }).focus();
		await page.keyboard.press('Enter');
		await expect(edited).toHaveCount(0);
		expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
		await expect(
			page.getByTestId('my-note').filter({ hasText: 'Buren' }).getByRole('button').first()
		).toBeFocused();

		// The facilitator's typo fix closes on Escape too, focus back on its button.
		const card = facilitator.page.getByTestId('moderation-note').first();
		await card.getByTestId('fix-note').focus();
		await facilitator.page.keyboard.press('Enter');
		await expect(card.getByTestId('fix-input')).toBeFocused();
		await facilitator.page.keyboard.press('Escape');
		await expect(card.getByTestId('fix-input')).toHaveCount(0);
		await expect(card.getByTestId('fix-note')).toBeFocused();
		for (const { context } of [facilitator, phone]) await context.close();
	});

	test('screenshots of the screens this issue changed, at the three sizes', async ({
		browser,
		request
	}) => {
		const created = (await (
			await request.post('/api/rooms', { data: { workshop: WORKSHOP, title: 'Schermen' } })
		).json()) as Created;
		for (const size of Object.keys(SIZES) as Size[]) {
			const { page, context } = await newPage(browser, size);
			const shot = (name: string) =>
				page.screenshot({ path: `test-results/a11y-shots/${name}-${size}.png`, fullPage: true });
			await page.goto('/');
			await page.getByTestId('join-code-input').fill('ZZZ-997');
			await page.getByTestId('join-code-submit').click();
			await expect(page.getByTestId('join-code-error')).not.toBeEmpty();
			await shot('start-wrong-code');
			await page.goto('/join/ABC');
			await expect(page.getByTestId('join-error')).toBeVisible();
			await shot('join-malformed');
			await page.goto('/toegankelijkheid');
			await shot('statement');
			await page.goto('/nergens');
			await shot('not-found');
			await joinWithLink(page, `/join/${created.joinCode}`);
			await page.emulateMedia({ forcedColors: 'active' });
			await shot('participant-forced-colours');
			await page.emulateMedia({ forcedColors: 'none' });
			await context.close();
		}
	});
});
