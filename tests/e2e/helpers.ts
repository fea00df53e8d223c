import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page
} from '@playwright/test';

export const SIZES = {
	projector: { width: 1920, height: 1080 },
	laptop: { width: 1366, height: 768 },
	phone: { width: 390, height: 844 }
} as const;

export type Size = keyof typeof SIZES;

export async function newPage(
	browser: Browser,
	size: Size
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		viewport: SIZES[size],
		isMobile: size === 'phone',
		hasTouch: size === 'phone',
		deviceScaleFactor: 1
	});
	return { context, page: await context.newPage() };
}

/**
 * Starts a workshop from the home page as a facilitator (the default one, or the one whose name
 * is `workshop`; an empty title takes the workshop's); returns the join code.
 */
export async function startWorkshop(
	page: Page,
	title = 'Zorgzame buurt Kessel-Lo',
	{ workshop }: { workshop?: string } = {}
): Promise<{ joinCode: string }> {
	await page.goto('/');
	if (workshop) await page.getByRole('radio', { name: workshop }).check();
	await page.getByLabel('Titel van de sessie (optioneel)').fill(title);
	await page.getByTestId('start-workshop').click();
	await expect(page.getByTestId('console')).toBeVisible();
	const joinCode = (await page.getByTestId('console-join-code').textContent())!.trim();
	return { joinCode };
}

export async function joinWithLink(page: Page, url: string, name = ''): Promise<void> {
	await page.goto(url);
	if (name) await page.getByTestId('join-name').fill(name);
	await page.getByTestId('join-submit').click();
	await expect(page.getByTestId('step-title')).toBeVisible();
}

export async function addNote(page: Page, text: string): Promise<void> {
	await page.getByTestId('note-input').fill(text);
	await page.getByTestId('note-submit').click();
	await expect(page.getByTestId('my-note').filter({ hasText: text })).toBeVisible();
}

/** The text of every page of a PDF, with pdf.js. */
export async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
	const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
	const texts: string[] = [];
	for (let number = 1; number <= doc.numPages; number++) {
		const content = await (await doc.getPage(number)).getTextContent();
		texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
	}
	return { pages: doc.numPages, text: texts.join('\n').replace(/\s+/g, ' ') };
}

/** axe-core finds nothing serious or critical on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(
		serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`),
		what
	).toEqual([]);
}

/**
 * The phone's "propose an action" form, opened: it folds away after each proposal, so a toggle
 * pressed while it is still folding would close it again; tried until it stays open.
 */
export async function openActionForm(page: Page): Promise<Locator> {
	const form = page.getByTestId('action-form').first();
	await expect(async () => {
		if (!(await form.isVisible())) await page.getByTestId('action-form-toggle').click();
		await expect(form).toBeVisible({ timeout: 1000 });
	}).toPass();
	return form;
}

/**
 * Types hand counts (ballots or ratings counted on paper) for one target into the console's
 * "Geteld op papier" form, opening it first; each field is left with Tab, which stores it.
 * Returns the form.
 */
export async function typePaperCounts(
	console_: Page,
	target: string,
	counts: Record<string, string>
): Promise<Locator> {
	const form = console_.getByTestId('paper-counts');
	await form.getByText('Geteld op papier').click();
	const row = form.locator(`[data-testid="paper-count-row"][data-target="${target}"]`);
	for (const [choice, count] of Object.entries(counts)) {
		const cell = row.locator(`[data-testid="paper-count"][data-choice="${choice}"]`);
		await cell.fill(count);
		await cell.press('Tab');
	}
	return form;
}
