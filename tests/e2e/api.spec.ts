// The HTTP API contract (README, ARCHITECTURE.md) against the production build.
import { expect, test, type APIRequestContext } from '@playwright/test';

const WORKSHOP = 'visievorming-zorgzame-buurten';

async function createRoom(request: APIRequestContext, title = 'Zorgzaam Kessel-Lo') {
	const response = await request.post('/api/rooms', { data: { workshop: WORKSHOP, title } });
	expect(response.status()).toBe(201);
	return response.json();
}

test.describe('HTTP API', () => {
	test('health check answers 200 JSON', async ({ request }) => {
		const response = await request.get('/healthz');
		expect(response.status()).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ok' });
	});

	test('lists the workshops', async ({ request }) => {
		const { workshops } = await (await request.get('/api/workshops')).json();
		const workshop = workshops.find((w: { id: string }) => w.id === WORKSHOP);
		expect(workshop.title.nl).toBe('Visievorming zorgzame buurten');
		expect(workshop.stepCount).toBeGreaterThanOrEqual(10);
	});

	test('creates a room with a join code, keys and links', async ({ request, baseURL }) => {
		const room = await createRoom(request);
		expect(room.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(room.joinCode).toMatch(/^[A-Z]{3}-[0-9]{3}$/);
		expect(room.facilitatorKey).not.toBe(room.viewerKey);
		expect(room.urls.join).toBe(`${baseURL}/join/${room.joinCode}`);
		expect(room.urls.facilitator).toContain(`#key=${room.facilitatorKey}`);
		expect(room.urls.projector).toContain(`#key=${room.viewerKey}`);
	});

	test('refuses bad bodies with a 4xx and a message', async ({ request }) => {
		const cases: [unknown, number, RegExp][] = [
			[{}, 400, /workshop/],
			[{ workshop: 42 }, 400, /workshop/],
			[{ workshop: 'bestaat-niet' }, 400, /unknown workshop/],
			[{ workshop: WORKSHOP, title: 'x'.repeat(201) }, 400, /title/]
		];
		for (const [data, status, message] of cases) {
			const response = await request.post('/api/rooms', { data });
			expect(response.status()).toBe(status);
			expect((await response.json()).error).toMatch(message);
		}
		const notJson = await request.post('/api/rooms', {
			data: Buffer.from('{oops'),
			headers: { 'content-type': 'application/json' }
		});
		expect(notJson.status()).toBe(400);
		expect((await notJson.json()).error).toMatch(/not valid JSON/);
	});

	test('joins with a code as typed, and refuses wrong codes', async ({ request }) => {
		const room = await createRoom(request);
		const typed = room.joinCode.toLowerCase().replace('-', ' ');
		const joined = await request.post('/api/join', { data: { code: typed, name: 'An' } });
		expect(joined.status()).toBe(200);
		const body = await joined.json();
		expect(body).toMatchObject({ roomId: room.id, name: 'An' });
		expect(body.participantKey).toBeTruthy();
		const anonymous = await request.post('/api/join', { data: { code: room.joinCode } });
		expect((await anonymous.json()).name).toBe('');
		const wrong = await request.post('/api/join', { data: { code: 'ZZZ-999' } });
		expect([404, 429]).toContain(wrong.status());
		expect((await wrong.json()).error).toBeTruthy();
	});

	test('throttles wrong codes from one address but still lets the right code in', async ({
		request
	}) => {
		const room = await createRoom(request);
		let throttled = null;
		for (let i = 0; i < 30 && !throttled; i++) {
			const response = await request.post('/api/join', { data: { code: 'ZZZ-999' } });
			if (response.status() === 429) throttled = response;
			else expect(response.status()).toBe(404);
		}
		expect(throttled, 'wrong codes are throttled').not.toBeNull();
		expect(Number(throttled!.headers()['retry-after'])).toBeGreaterThan(0);
		const right = await request.post('/api/join', { data: { code: room.joinCode } });
		expect(right.status()).toBe(200);
	});

	test('tells the caller its role in a room', async ({ request }) => {
		const room = await createRoom(request);
		const info = await (await request.get(`/api/rooms/${room.id}?key=${room.viewerKey}`)).json();
		expect(info).toMatchObject({ id: room.id, joinCode: room.joinCode, role: 'viewer' });
		expect(info.workshop.steps.length).toBeGreaterThanOrEqual(10);
		expect(JSON.stringify(info)).not.toContain('facilitatorNotes');
		const own = await (
			await request.get(`/api/rooms/${room.id}?key=${room.facilitatorKey}`)
		).json();
		expect(own.role).toBe('facilitator');
		expect(own.workshop.steps[0].facilitatorNotes.nl).toBeTruthy();
		expect((await request.get(`/api/rooms/${room.id}?key=wrong`)).status()).toBe(401);
		expect((await request.get(`/api/rooms/unknown?key=${room.viewerKey}`)).status()).toBe(404);
	});

	test('takes the key from an Authorization header, which wins over ?key=', async ({ request }) => {
		const room = await createRoom(request);
		const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
		const info = await request.get(`/api/rooms/${room.id}`, { headers: bearer(room.viewerKey) });
		expect(info.status()).toBe(200);
		expect((await info.json()).role).toBe('viewer');
		const both = await request.get(`/api/rooms/${room.id}?key=${room.facilitatorKey}`, {
			headers: bearer(room.viewerKey)
		});
		expect((await both.json()).role).toBe('viewer');
		const wrongHeader = await request.get(`/api/rooms/${room.id}?key=${room.facilitatorKey}`, {
			headers: bearer('wrong')
		});
		expect(wrongHeader.status()).toBe(401);
		// Another scheme (a proxy's Basic auth) is not a key: ?key= still counts.
		const basic = await request.get(`/api/rooms/${room.id}?key=${room.viewerKey}`, {
			headers: { authorization: 'Basic dXNlcjpwYXNz' }
		});
		expect((await basic.json()).role).toBe('viewer');
		const report = await request.get(`/api/rooms/${room.id}/report.md`, {
			headers: bearer(room.viewerKey)
		});
		expect(report.status()).toBe(200);
		expect((await request.get(`/api/rooms/${room.id}/report.md`)).status()).toBe(401);
		const erased = await request.delete(`/api/rooms/${room.id}`, {
			headers: bearer(room.facilitatorKey)
		});
		expect(erased.status()).toBe(204);
	});

	test('erases a room with the facilitator key only', async ({ request }) => {
		const room = await createRoom(request);
		expect((await request.delete(`/api/rooms/${room.id}`)).status()).toBe(401);
		expect((await request.delete(`/api/rooms/${room.id}?key=${room.viewerKey}`)).status()).toBe(
			403
		);
		expect(
			(await request.delete(`/api/rooms/${room.id}?key=${room.facilitatorKey}`)).status()
		).toBe(204);
		expect((await request.get(`/api/rooms/${room.id}?key=${room.facilitatorKey}`)).status()).toBe(
			404
		);
		const join = await request.post('/api/join', { data: { code: room.joinCode } });
		expect([404, 429]).toContain(join.status());
	});
});
