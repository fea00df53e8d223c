// The report at any moment, from a live room, in every format.
import { expect, test } from '@playwright/test';
import { addNote, joinWithLink, newPage, pdfText, startWorkshop } from './helpers';

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

	const bad = await request.post('/api/rooms/import', { data: { ...exported, version: 99 } });
	expect(bad.status()).toBe(400);
	expect((await bad.json()).error).toMatch(/version/);

	for (const session of [facilitator, participant]) await session.context.close();
});
