// A step kind from a test fixture (tests/fixtures/steps/demo), registered through the registry
// alone, walked through the real app: console, participant, projector and report. The e2e build
// registers it (STEP_FIXTURES in playwright.config.ts, src/lib/steps/extra-plugin.ts); this test
// runs that build on a server of its own whose workshops folder holds a workshop using it.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { joinWithLink, newPage, SIZES, type Size } from './helpers';

let server: ChildProcess;
let base = '';

test.beforeAll(async () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-e2e-demo-'));
	server = spawn(process.execPath, ['build/server.js'], {
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			WORKSHOPS_DIR: 'tests/fixtures/steps/workshops'
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	// The server names its port in its first log line.
	base = await new Promise<string>((resolve, reject) => {
		let output = '';
		server.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const started = /"event":"server_started".*?"port":(\d+)/.exec(output);
			if (started) resolve(`http://127.0.0.1:${started[1]}`);
		});
		server.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
	});
});

test.afterAll(() => {
	server?.kill();
});

async function shoot(page: import('@playwright/test').Page, name: string, sizes: Size[]) {
	for (const size of sizes) {
		await page.setViewportSize(SIZES[size]);
		await page.screenshot({
			path: `tests/e2e/screenshots/${name}-${SIZES[size].width}x${SIZES[size].height}.png`
		});
	}
}

test('a demo step kind runs on the console, the phone, the projector and in the report', async ({
	browser,
	request
}) => {
	const workshops = await (await request.get(`${base}/api/workshops`)).json();
	expect(JSON.stringify(workshops)).toContain('demo-workshop');
	const created = await request.post(`${base}/api/rooms`, {
		data: { workshop: 'demo-workshop', title: 'Demo' }
	});
	expect(created.status()).toBe(201);
	const room = await created.json();

	const facilitator = await newPage(browser, 'laptop');
	await facilitator.page.goto(room.urls.facilitator);
	await expect(facilitator.page.getByTestId('console')).toBeVisible();
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(room.urls.projector);
	const phone = await newPage(browser, 'phone');
	await joinWithLink(phone.page, room.urls.join, 'An');

	await facilitator.page.getByTestId('next-step').click();
	for (const page of [facilitator.page, projector.page, phone.page])
		await expect(page.getByTestId('step-title')).toHaveText('Inchecken');
	// Each page shows the kind's own view, found through the registry.
	await expect(phone.page.getByTestId('demo-participant')).toContainText('Hoe kom je binnen? (An)');
	await expect(facilitator.page.getByTestId('demo-console')).toHaveText('0 words');
	await expect(projector.page.getByTestId('projector-lead')).toContainText('Eén woord, graag.');

	for (const word of ['nieuwsgierig', 'moe']) {
		await phone.page.getByTestId('demo-word').fill(word);
		await phone.page.getByTestId('demo-submit').click();
	}
	// The update guard let the participant's notes in: the kind declares them (StepKind.writes).
	await expect(projector.page.getByTestId('demo-projector').locator('li')).toHaveText([
		'nieuwsgierig',
		'moe'
	]);
	await expect(facilitator.page.getByTestId('demo-console')).toHaveText('2 words');
	await shoot(facilitator.page, 'demo-console', ['laptop', 'projector', 'phone']);
	await shoot(projector.page, 'demo-projector', ['projector']);
	await shoot(phone.page, 'demo-participant', ['phone']);

	const report = (format: string) =>
		request.get(`${base}/api/rooms/${room.id}/report.${format}?key=${room.facilitatorKey}`);
	const markdown = await (await report('md')).text();
	expect(markdown).toContain('Inchecken');
	expect(markdown).toContain('| nieuwsgierig | 1 |');
	expect(await (await report('csv')).text()).toContain('"demo-word";"Inchecken";"";"";"moe"');
	for (const session of [facilitator, projector, phone]) await session.context.close();
});
