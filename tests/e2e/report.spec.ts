// The report at any moment, from a live room, in every format.
import { expect, test } from '@playwright/test';
import {
	addNote,
	joinWithLink,
	newPage,
	openActionForm,
	pdfText,
	SIZES,
	startWorkshop
} from './helpers';

test('the facilitator downloads the report in every format while the workshop runs', async ({
	browser,
	request
}) => {
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page, 'Zorgzaam <Kessel-Lo>');
	const participant = await newPage(browser, 'phone');
	await joinWithLink(participant.page, `/join/${joinCode}`, 'Mia');
	await addNote(participant.page, 'Ik ben Mia, wijkverpleegkundige');
	await addNote(participant.page, '<script>alert(1)</script>');
	await addNote(participant.page, '=HYPERLINK("http://evil.example")');
	await facilitator.page
		.getByTestId('synthesis-vision')
		.fill('Samen zorgen we voor een buurt waar niemand alleen staat.');

	const share = await facilitator.page.getByTestId('report-share').inputValue();
	const shared = await request.get(share);
	expect(shared.status()).toBe(200);
	expect(await shared.text()).toContain('Zorgzaam &#60;Kessel-Lo&#62;');
	const docxHref = (await facilitator.page.getByTestId('report-docx').getAttribute('href'))!;
	const url = new URL(docxHref, 'http://x');
	const roomId = url.pathname.split('/')[3]!;
	const key = url.searchParams.get('key')!;
	const plain = (format: string, k = key) =>
		request.get(`/api/rooms/${roomId}/report.${format}?key=${encodeURIComponent(k)}`);

	// Private by default: the introduction round (Mia's note, her name) stays out of every format.
	await expect(async () => {
		const md = await (await plain('md')).text();
		expect(md).toContain('niemand alleen staat');
		expect(md).toContain('blijven uit het rapport');
	}).toPass();
	for (const format of ['md', 'html', 'csv', 'json']) {
		const body = await (await plain(format)).text();
		expect(body, format).not.toContain('wijkverpleegkundige');
		expect(body, format).not.toContain('Mia');
	}
	// The facilitator ticks names and introductions in: every link carries the choice.
	const names = facilitator.page.getByRole('checkbox', { name: 'Namen en voorstellingsrondes' });
	await expect(names).not.toBeChecked();
	await names.check();
	await expect(facilitator.page.getByTestId('report-docx')).toHaveAttribute('href', /names=1/);
	const report = (format: string, k = key) =>
		request.get(`/api/rooms/${roomId}/report.${format}?key=${encodeURIComponent(k)}&names=1`);
	const md = await (await report('md')).text();
	expect(md).toContain('Ik ben Mia, wijkverpleegkundige');
	expect(md).toContain('\\<script\\>');
	expect(md).toContain('# Zorgzaam \\<Kessel-Lo\\>');

	const html = await report('html');
	expect(html.headers()['content-type']).toContain('text/html');
	expect(html.headers()['content-security-policy']).toContain("default-src 'none'");
	expect(await html.text()).not.toContain('<script>alert');

	const csv = await (await report('csv')).text();
	expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);

	const docx = await report('docx');
	expect(docx.headers()['content-disposition']).toMatch(/attachment; filename=".*\.docx"/);
	expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

	const pdf = await report('pdf');
	expect(pdf.status()).toBe(200);
	const pdfBody = await pdf.body();
	expect(pdfBody.subarray(0, 5).toString()).toBe('%PDF-');
	const { pages, text } = await pdfText(pdfBody);
	expect(pages).toBeGreaterThanOrEqual(2);
	expect(text).toContain('Zorgzaam <Kessel-Lo>');
	expect(text).toContain('Ik ben Mia, wijkverpleegkundige');
	expect(text).toContain('niemand alleen staat');
	expect(text).toContain('<script>alert(1)</script>');

	const participantKey = await participant.page.evaluate(
		(id) => JSON.parse(localStorage.getItem(`visiewerkplaats:${id}:participant`)!).key as string,
		roomId
	);
	expect((await report('md', participantKey)).status()).toBe(403);
	expect((await report('md', 'wrong')).status()).toBe(401);
	expect((await request.get(`/api/rooms/${roomId}/report.exe?key=${key}`)).status()).toBe(404);

	const exported = await (await report('json')).json();
	expect(exported).toMatchObject({ format: 'visiewerkplaats-room', version: 1 });
	const imported = await request.post('/api/rooms/import', { data: exported });
	expect(imported.status()).toBe(201);
	const copy = await imported.json();
	const again = await (
		await request.get(`/api/rooms/${copy.id}/report.json?key=${copy.viewerKey}&names=1`)
	).json();
	expect(again.snapshot).toEqual(exported.snapshot);
	expect(again.room.title).toBe(exported.room.title);
	// The date and the number of participants travel too (Mia's key does not).
	expect(again.room.createdAt).toBe(exported.room.createdAt);
	expect(again.room.participants).toBe(1);

	const bad = await request.post('/api/rooms/import', { data: { ...exported, version: 99 } });
	expect(bad.status()).toBe(400);
	expect((await bad.json()).error).toMatch(/version/);

	for (const session of [facilitator, participant]) await session.context.close();
});

test('ten PDF downloads at once each get the PDF or a clear 503; the workbook and the plan download', async ({
	browser,
	request
}) => {
	const facilitator = await newPage(browser, 'laptop');
	await startWorkshop(facilitator.page, 'Tien tegelijk');
	const href = (await facilitator.page.getByTestId('report-pdf').getAttribute('href'))!;
	const answers = await Promise.all(Array.from({ length: 10 }, () => request.get(href)));
	for (const answer of answers) {
		if (answer.status() === 503) {
			expect(answer.headers()['retry-after']).toMatch(/^\d+$/);
			expect((await answer.json()).error).toMatch(/try again/);
		} else {
			expect(answer.status()).toBe(200);
			expect((await answer.body()).subarray(0, 5).toString()).toBe('%PDF-');
		}
	}
	expect(answers.filter((a) => a.status() === 200).length).toBeGreaterThanOrEqual(2);

	const xlsx = await request.get(
		(await facilitator.page.getByTestId('report-xlsx').getAttribute('href'))!
	);
	expect(xlsx.status()).toBe(200);
	expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
	expect(xlsx.headers()['content-disposition']).toMatch(/filename="tien-tegelijk\.xlsx"/);
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
	const plan = await request.get(
		(await facilitator.page.getByTestId('report-plan-csv').getAttribute('href'))!
	);
	expect(plan.status()).toBe(200);
	expect(await plan.text()).toMatch(/^\uFEFF"Code";"Beleidsdoelstelling";"Actieplan";"Actie"/);

	// The report panel, as the facilitator sees it on each screen.
	const panel = facilitator.page.locator('.report');
	await panel.scrollIntoViewIfNeeded();
	for (const [name, size] of Object.entries(SIZES)) {
		await facilitator.page.setViewportSize(size);
		await panel.scrollIntoViewIfNeeded();
		await facilitator.page.screenshot({
			path: `tests/e2e/screenshots/report-panel-${name}-${size.width}x${size.height}.png`
		});
	}
	await facilitator.context.close();
});

test('the facilitator places actions in the multi-year plan; the report groups them so', async ({
	browser,
	request
}) => {
	test.setTimeout(240_000);
	const facilitator = await newPage(browser, 'laptop');
	const { joinCode } = await startWorkshop(facilitator.page, 'Meerjarenplan Kessel-Lo');
	const console_ = facilitator.page;
	const phone = await newPage(browser, 'phone');
	await joinWithLink(phone.page, `/join/${joinCode}`);
	await console_.getByTestId('agenda-step').filter({ hasText: 'Aan de slag' }).click();
	await expect(phone.page.getByTestId('step-title')).toHaveText('Aan de slag');
	for (const title of ['Buurtfeest op het plein', 'Signaalkaart voor huisartsen']) {
		const form = await openActionForm(phone.page);
		await form.getByTestId('action-title').fill(title);
		await form.getByTestId('action-submit').click();
	}
	await expect(console_.getByTestId('console-action')).toHaveCount(2);
	// (An input's value is a property, not an attribute: read it to find the row.)
	const rows = console_.getByTestId('console-action');
	for (let i = 0; i < 2; i++) await rows.nth(i).getByTestId('set-confirmed').click();
	let feest = rows.first();
	for (let i = 0; i < 2; i++)
		if ((await rows.nth(i).getByTestId('edit-title').inputValue()) === 'Buurtfeest op het plein')
			feest = rows.nth(i);
	const id = await feest.getAttribute('data-action');
	feest = console_.locator(`[data-testid="console-action"][data-action="${id}"]`);
	// The plan's fields are folded away until the facilitator opens them.
	await expect(feest.getByTestId('edit-goal')).toBeHidden();
	await feest.getByTestId('edit-plan').click();
	await feest.getByTestId('edit-goal').fill('Iedereen kent zijn buren');
	await feest.getByTestId('edit-goal').press('Tab');
	await feest.getByTestId('edit-actionPlan').fill('Ontmoeting');
	await feest.getByTestId('edit-actionPlan').press('Tab');
	await feest.getByTestId('edit-code').fill('1.1.1');
	await feest.getByTestId('edit-code').press('Tab');
	for (const [name, size] of Object.entries(SIZES)) {
		await console_.setViewportSize(size);
		await feest.scrollIntoViewIfNeeded();
		await console_.screenshot({
			path: `tests/e2e/screenshots/report-plan-console-${name}-${size.width}x${size.height}.png`
		});
	}

	const docx = new URL(
		(await console_.getByTestId('report-docx').getAttribute('href'))!,
		'http://x'
	);
	const base = docx.pathname.replace(/\.docx$/, '');
	const key = docx.searchParams.get('key')!;
	await expect(async () => {
		const md = await (await request.get(`${base}.md?key=${key}`)).text();
		expect(md).toContain('### Beleidsdoelstelling: Iedereen kent zijn buren');
		expect(md).toContain('#### Actieplan: Ontmoeting');
		expect(md).toContain('| 1\\.1.1 Buurtfeest op het plein |');
		expect(md).toContain('### Nog zonder beleidsdoelstelling');
	}).toPass();
	const plan = await (await request.get(`${base}.plan.csv?key=${key}`)).text();
	expect(plan).toContain(
		'"1.1.1";"Iedereen kent zijn buren";"Ontmoeting";"Buurtfeest op het plein"'
	);
	for (const session of [facilitator, phone]) await session.context.close();
});
