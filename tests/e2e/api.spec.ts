// The HTTP API contract (README, ARCHITECTURE.md) against the production build.
import { expect, test, type APIRequestContext } from '@playwright/test';
import http from 'node:http';

const WORKSHOP = 'visievorming-zorgzame-buurten';

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

/**
 * A request from another loopback address (127.0.0.x): the join throttle counts per address,
 * and the server is shared with every other test, which comes from 127.0.0.1.
 */
function requestFrom(
	from: string,
	baseURL: string,
	method: string,
	path: string,
	body: string | null,
	headers: Record<string, string> = {}
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const request = http.request(
			new URL(path, baseURL),
			{
				method,
				localAddress: from,
				headers: { 'content-type': 'application/json', ...headers }
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: text ? JSON.parse(text) : {}
					});
				});
			}
		);
		request.on('error', reject);
		if (body !== null) request.write(body);
		request.end();
	});
}

const joinFrom = (from: string, baseURL: string, code: string) =>
	requestFrom(from, baseURL, 'POST', '/api/join', JSON.stringify({ code }));

/** A different loopback address for each test that counts wrong codes. */
const address = () =>
	`127.0.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

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

	test('joins with a code as typed, and refuses wrong codes', async ({ request, baseURL }) => {
		const room = await createRoom(request);
		const typed = room.joinCode.toLowerCase().replace('-', ' ');
		const joined = await request.post('/api/join', { data: { code: typed, name: 'An' } });
		expect(joined.status()).toBe(200);
		const body = await joined.json();
		expect(body).toMatchObject({ roomId: room.id, name: 'An' });
		expect(body.participantKey).toBeTruthy();
		const anonymous = await request.post('/api/join', { data: { code: room.joinCode } });
		expect((await anonymous.json()).name).toBe('');
		const wrong = await joinFrom(address(), baseURL!, 'ZZZ-999');
		expect(wrong.status).toBe(404);
		expect(wrong.body.error).toBeTruthy();
	});

	test('refuses every join from an address past its wrong codes, the right code too', async ({
		request,
		baseURL
	}) => {
		const room = await createRoom(request);
		const from = address();
		let throttled: Answer | null = null;
		for (let i = 0; i < 40 && !throttled; i++) {
			const response = await joinFrom(from, baseURL!, 'ZZZ-999');
			if (response.status === 429) throttled = response;
			else expect(response.status).toBe(404);
		}
		expect(throttled, 'wrong codes are throttled').not.toBeNull();
		const right = await joinFrom(from, baseURL!, room.joinCode);
		expect(right.status).toBe(429);
		expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
		expect(right.body).toMatchObject({ reason: 'throttled' });
		expect(right.body).not.toHaveProperty('participantKey');
		// Another address (another router) still gets in.
		expect((await joinFrom(address(), baseURL!, room.joinCode)).status).toBe(200);
	});

	test('a closed join code gives no key, who joined keeps working, and the facilitator reopens it', async ({
		request,
		baseURL
	}) => {
		const room = await createRoom(request);
		const from = address();
		const joined = await joinFrom(from, baseURL!, room.joinCode);
		expect(joined.status).toBe(200);
		const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
		const joining = `/api/rooms/${room.id}/joining`;
		const byViewer = await request.post(joining, {
			data: { open: false },
			headers: bearer(room.viewerKey)
		});
		expect(byViewer.status()).toBe(403);
		const closed = await request.post(joining, {
			data: { open: false },
			headers: bearer(room.facilitatorKey)
		});
		expect(closed.status()).toBe(200);
		expect((await closed.json()).joining).toMatchObject({ open: false, reason: 'closed' });
		const refused = await joinFrom(from, baseURL!, room.joinCode);
		expect(refused.status).toBe(403);
		expect(refused.body).toMatchObject({ reason: 'closed' });
		expect(refused.body).not.toHaveProperty('participantKey');
		const participant = await request.get(`/api/rooms/${room.id}`, {
			headers: bearer(String(joined.body.participantKey))
		});
		expect((await participant.json()).role).toBe('participant');
		const info = await request.get(`/api/rooms/${room.id}`, { headers: bearer(room.viewerKey) });
		expect((await info.json()).joining).toMatchObject({ open: false });
		const reopened = await request.post(joining, {
			data: { open: true },
			headers: bearer(room.facilitatorKey)
		});
		expect((await reopened.json()).joining).toMatchObject({ open: true, reason: 'open' });
		expect((await joinFrom(from, baseURL!, room.joinCode)).status).toBe(200);
		const bad = await request.post(joining, {
			data: { open: 'nee' },
			headers: bearer(room.facilitatorKey)
		});
		expect(bad.status()).toBe(400);
	});

	test('answers a full room with 409 through the production build', async ({
		request,
		baseURL
	}) => {
		// The shared server allows PARTICIPANTS_PER_ROOM (500) per room: fill one.
		const room = await createRoom(request);
		const from = address();
		let status = 200;
		let joins = 0;
		while (status === 200 && joins < 1000) {
			const answer = await joinFrom(from, baseURL!, room.joinCode);
			status = answer.status;
			if (status === 200) joins++;
			else expect(answer.body).toMatchObject({ error: 'this workshop is full', reason: 'full' });
		}
		expect(status).toBe(409);
		expect(joins).toBe(500);
	});

	test('answers 413 to an oversized body, with or without a length', async ({
		request,
		baseURL
	}) => {
		const big = JSON.stringify({ code: 'ABC-234', name: 'x'.repeat(200_000) });
		const withLength = await request.post('/api/join', {
			data: Buffer.from(big),
			headers: { 'content-type': 'application/json' }
		});
		expect(withLength.status()).toBe(413);
		expect((await withLength.json()).error).toMatch(/too large/);
		const chunked = await requestFrom(address(), baseURL!, 'POST', '/api/rooms', big, {
			'transfer-encoding': 'chunked'
		});
		expect(chunked.status).toBe(413);
		const importing = await request.post('/api/rooms/import', {
			data: Buffer.from(JSON.stringify({ padding: 'x'.repeat(2_000_000) })),
			headers: { 'content-type': 'application/json' }
		});
		expect(importing.status()).toBe(413);
		expect((await importing.json()).error).toMatch(/too large/);
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

	test('erases a room with the facilitator key only', async ({ request, baseURL }) => {
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
		const join = await joinFrom(address(), baseURL!, room.joinCode);
		expect(join.status).toBe(404);
	});
});
