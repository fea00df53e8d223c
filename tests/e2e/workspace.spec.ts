// Issue 17: a municipality's trajectory in one workspace. Created on the start page, opened by a
// key that leaves the address bar at once; sessions started, listed and opened from it; a
// co-facilitator link; "Mijn sessies" on the start page; export, import and erasure over HTTP.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { newPage, SIZES, type Size } from './helpers';

const WORKSHOP = 'visievorming-zorgzame-buurten';

type Created = { id: string; name: string; key: string; url: string };

async function expectNoA11yViolations(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	expect(
		results.violations.map(
			(v) => `${v.id} (${v.impact}): ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		),
		what
	).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
	const widths = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth
	}));
	expect(widths.scroll, what).toBeLessThanOrEqual(widths.client);
}

test('a workspace from the start page: its key leaves the address, sessions start, list and open from it', async ({
	browser,
	request
}) => {
	const { context, page } = await newPage(browser, 'laptop');
	await page.goto('/');
	await page.getByTestId('workspace-name-input').fill('Gemeente Wetteren');
	await page.getByTestId('workspace-create').click();
	await expect(page.getByTestId('workspace-name')).toHaveText('Gemeente Wetteren');
	expect(page.url()).toMatch(/\/w\/[A-Za-z0-9_-]+$/);
	const id = new URL(page.url()).pathname.split('/')[2]!;
	const stored = await page.evaluate(
		(id) => JSON.parse(localStorage.getItem(`visiewerkplaats:workspace:${id}`) ?? '{}'),
		id
	);
	const key = stored.key as string;
	expect(key).toMatch(/^[A-Za-z0-9_-]{40,}$/);
	await expect(page.getByTestId('workspace-warning')).toBeVisible();

	// A session from the workspace opens its console, without keys in the address.
	await page.getByTestId('workspace-session-title').fill('Eigen team');
	await page.getByTestId('workspace-start').click();
	await expect(page.getByTestId('console')).toBeVisible();
	expect(page.url()).not.toMatch(/key=/);

	// Two more sessions over the API, one with a participant.
	const auth = { authorization: `Bearer ${key}` };
	for (const title of ['Partners', 'Buurt Kwatrecht']) {
		const response = await request.post(`/api/workspaces/${id}/sessions`, {
			headers: auth,
			data: { workshop: WORKSHOP, title }
		});
		expect(response.status()).toBe(201);
		if (title === 'Partners') {
			const room = await response.json();
			expect((await request.post('/api/join', { data: { code: room.joinCode } })).status()).toBe(
				200
			);
		}
	}

	await page.goto(`/w/${id}`);
	const items = page.getByTestId('session-item');
	await expect(items).toHaveCount(3);
	await expect(items.filter({ hasText: 'Partners' })).toContainText('deelnemers: 1');
	await expect(items.filter({ hasText: 'Eigen team' })).toContainText('Visievorming');

	// The console of a session opens from the list.
	await items.filter({ hasText: 'Buurt Kwatrecht' }).getByTestId('session-open').click();
	await expect(page.getByTestId('console')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Buurt Kwatrecht' })).toBeVisible();
	expect(page.url()).not.toMatch(/key=/);

	// A co-facilitator link: counted on the page; it opens the same workspace elsewhere.
	await page.goto(`/w/${id}`);
	await page.getByTestId('workspace-co-link').click();
	await expect(page.getByTestId('workspace-co-count')).toHaveText('Links voor medebegeleiders: 1');
	const co = (await (
		await request.post(`/api/workspaces/${id}/keys`, { headers: auth })
	).json()) as { key: string; url: string };
	const colleague = await newPage(browser, 'laptop');
	await colleague.page.goto(co.url);
	await expect(colleague.page.getByTestId('session-item')).toHaveCount(3);
	expect(colleague.page.url()).not.toContain(co.key);
	await colleague.context.close();

	// "Mijn sessies" on the start page: the consoles this browser opened, and the workspace.
	await page.goto('/');
	const mine = page.getByTestId('my-sessions');
	await expect(mine.getByTestId('session-item')).toHaveCount(2);
	await expect(page.getByTestId('home-workspace-link')).toHaveText('Gemeente Wetteren');
	await mine
		.getByTestId('session-item')
		.filter({ hasText: 'Eigen team' })
		.getByTestId('session-forget')
		.click();
	await expect(mine.getByTestId('session-item')).toHaveCount(1);
	await page.reload();
	await expect(mine.getByTestId('session-item')).toHaveCount(1);
	await mine.getByTestId('session-open').click();
	await expect(page.getByRole('heading', { level: 1, name: 'Buurt Kwatrecht' })).toBeVisible();

	// Erasing asks for the number of sessions.
	await page.goto(`/w/${id}`);
	await page.getByText('Werkruimte wissen').click();
	const erase = page.getByTestId('workspace-erase');
	await page.getByTestId('workspace-erase-count').fill('1');
	await expect(erase).toBeDisabled();
	await page.getByTestId('workspace-erase-count').fill('3');
	await erase.click();
	await page.waitForURL((url) => url.pathname === '/');
	expect((await request.get(`/api/workspaces/${id}`, { headers: auth })).status()).toBe(404);
	await expect(page.getByTestId('home-workspace-link')).toHaveCount(0);
	// The erased sessions are offered to be forgotten.
	await expect(page.getByTestId('my-sessions-forget-gone')).toBeVisible();
	await page.getByTestId('my-sessions-forget-gone').click();
	await expect(page.getByTestId('my-sessions-none')).toBeVisible();
	await context.close();
});

test('the workspace API: create, refuse, list, export, import and erase over HTTP', async ({
	request
}) => {
	expect((await request.post('/api/workspaces', { data: { name: '  ' } })).status()).toBe(400);
	const created = await request.post('/api/workspaces', { data: { name: 'Gemeente Lede' } });
	expect(created.status()).toBe(201);
	const ws = (await created.json()) as Created;
	expect(ws.url).toMatch(new RegExp(`/w/${ws.id}#key=${ws.key}$`));
	const auth = { authorization: `Bearer ${ws.key}` };
	expect((await request.get(`/api/workspaces/${ws.id}`)).status()).toBe(401);
	expect(
		(
			await request.get(`/api/workspaces/${ws.id}`, { headers: { authorization: 'Bearer x' } })
		).status()
	).toBe(401);
	expect((await request.get('/api/workspaces/nope', { headers: auth })).status()).toBe(404);
	const bad = await request.post(`/api/workspaces/${ws.id}/sessions`, {
		headers: auth,
		data: { workshop: 'bestaat-niet' }
	});
	expect(bad.status()).toBe(400);
	expect((await bad.json()).error).toMatch(/unknown workshop/);
	const session = await request.post(`/api/workspaces/${ws.id}/sessions`, {
		headers: auth,
		data: { workshop: WORKSHOP, title: 'Buurt Oordegem' }
	});
	expect(session.status()).toBe(201);
	const room = await session.json();
	const info = await (await request.get(`/api/workspaces/${ws.id}`, { headers: auth })).json();
	expect(info.sessions.map((s: { title: string }) => s.title)).toEqual(['Buurt Oordegem']);
	const keys = await (
		await request.post(`/api/workspaces/${ws.id}/sessions/${room.id}/console`, { headers: auth })
	).json();
	expect(keys).toEqual({ facilitatorKey: room.facilitatorKey, viewerKey: room.viewerKey });

	const exported = await request.get(`/api/workspaces/${ws.id}/export.json`, { headers: auth });
	expect(exported.status()).toBe(200);
	expect(exported.headers()['content-disposition']).toContain('gemeente-lede.json');
	const text = await exported.text();
	expect(text).not.toContain(ws.key);
	expect(text).not.toContain(room.facilitatorKey);
	const imported = await request.post('/api/workspaces/import', {
		headers: { 'content-type': 'application/json' },
		data: text
	});
	expect(imported.status()).toBe(201);
	const copy = (await imported.json()) as Created;
	expect(copy.key).not.toBe(ws.key);
	const copyInfo = await (
		await request.get(`/api/workspaces/${copy.id}`, {
			headers: { authorization: `Bearer ${copy.key}` }
		})
	).json();
	expect(copyInfo.sessions.map((s: { title: string }) => s.title)).toEqual(['Buurt Oordegem']);

	const refused = await request.delete(`/api/workspaces/${ws.id}?confirm=2`, { headers: auth });
	expect(refused.status()).toBe(409);
	expect(await refused.json()).toMatchObject({ sessions: 1 });
	const erased = await request.delete(`/api/workspaces/${ws.id}?confirm=1`, { headers: auth });
	expect(await erased.json()).toEqual({ erased: 1 });
	expect(
		(
			await request.get(`/api/rooms/${room.id}`, {
				headers: { authorization: `Bearer ${room.facilitatorKey}` }
			})
		).status()
	).toBe(404);
});

for (const size of Object.keys(SIZES) as Size[]) {
	test(`the workspace page and "Mijn sessies" at ${size}: screenshots, axe, no sideways scroll`, async ({
		browser,
		request
	}) => {
		const ws = (await (
			await request.post('/api/workspaces', { data: { name: 'Gemeente Wetteren' } })
		).json()) as Created;
		const auth = { authorization: `Bearer ${ws.key}` };
		const rooms = [];
		for (const title of [
			'Eigen team',
			'Partners van het lokaal dienstencentrum',
			'Buurt Kwatrecht'
		])
			rooms.push(
				await (
					await request.post(`/api/workspaces/${ws.id}/sessions`, {
						headers: auth,
						data: { workshop: WORKSHOP, title }
					})
				).json()
			);
		await request.post('/api/join', { data: { code: rooms[1].joinCode } });
		const { context, page } = await newPage(browser, size);
		await page.goto(ws.url);
		await expect(page.getByTestId('session-item')).toHaveCount(3);
		await expectNoA11yViolations(page, `workspace page ${size}`);
		await expectNoSidewaysScroll(page, `workspace page ${size}`);
		await page.screenshot({
			path: `tests/e2e/screenshots/workspace-${size}.png`,
			fullPage: true
		});
		// Open two consoles, so that the start page remembers them.
		for (const title of ['Eigen team', 'Buurt Kwatrecht']) {
			await page.goto(`/w/${ws.id}`);
			await page
				.getByTestId('session-item')
				.filter({ hasText: title })
				.getByTestId('session-open')
				.click();
			await expect(page.getByTestId('console')).toBeVisible();
		}
		await page.goto('/');
		await expect(page.getByTestId('my-sessions').getByTestId('session-item')).toHaveCount(2);
		await expectNoA11yViolations(page, `start page with my sessions ${size}`);
		await expectNoSidewaysScroll(page, `start page ${size}`);
		await page.getByTestId('my-sessions').scrollIntoViewIfNeeded();
		await page.screenshot({
			path: `tests/e2e/screenshots/my-sessions-${size}.png`,
			fullPage: true
		});
		await context.close();
	});
}
