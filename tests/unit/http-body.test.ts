// Request bodies: too large is 413 with a message, found before the body is read when it says
// its length, and while it streams when it does not (or lies).
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { handle, HttpError, keyOf, readBody } from '../../src/lib/server/http';

const Schema = v.object({ code: v.string() });

function streamed(chunks: string[], onPull?: () => void): ReadableStream<Uint8Array> {
	let index = 0;
	return new ReadableStream({
		pull(controller) {
			onPull?.();
			if (index < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[index++]));
			else controller.close();
		}
	});
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
	return new Request('http://test/api/join', {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/json', ...headers },
		duplex: 'half'
	} as RequestInit);
}

async function statusOf(request: Request, maxBytes: number) {
	const response = await handle(async () => {
		await readBody(request, Schema, maxBytes);
		return new Response(null, { status: 204 });
	});
	return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

describe('request bodies', () => {
	it('answers 413 from Content-Length before reading anything', async () => {
		let pulled = 0;
		const request = post(
			streamed(
				Array.from({ length: 10 }, () => 'x'.repeat(500)),
				() => pulled++
			),
			{ 'content-length': '5000' }
		);
		expect(await statusOf(request, 1000)).toEqual({
			status: 413,
			body: { error: 'the body is too large (at most 1000 bytes)' }
		});
		// A stream fills its one-chunk queue by itself; nothing past that was asked for.
		expect(pulled).toBeLessThanOrEqual(1);
	});

	it('answers 413 while streaming a body without a length, and stops reading', async () => {
		let pulled = 0;
		const chunks = Array.from({ length: 100 }, () => 'x'.repeat(100));
		const result = await statusOf(post(streamed(chunks, () => pulled++)), 1000);
		expect(result.status).toBe(413);
		expect(pulled).toBeLessThan(20);
	});

	it("answers 413 when the Node adapter's own limit ends the stream", async () => {
		const adapterLimit = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.error(Object.assign(new Error('Content-length exceeds limit'), { status: 413 }));
			}
		});
		expect((await statusOf(post(adapterLimit), 1000)).status).toBe(413);
	});

	it('still reads a body under the limit, multi-byte text split across chunks included', async () => {
		const text = JSON.stringify({ code: 'één' });
		const bytes = new TextEncoder().encode(text);
		const split = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(bytes.slice(0, 10));
				controller.enqueue(bytes.slice(10));
				controller.close();
			}
		});
		const request = post(split);
		expect(await readBody(request, Schema, 1000)).toEqual({ code: 'één' });
		expect((await statusOf(post('{oops'), 1000)).status).toBe(400);
		await expect(readBody(post('{"code": 3}'), Schema, 1000)).rejects.toBeInstanceOf(HttpError);
	});
});

describe('keys', () => {
	const url = new URL('http://test/api/rooms/r?key=from-query');
	const withHeader = (value: string) => new Request(url, { headers: { authorization: value } });
	it('takes a Bearer header over ?key=, and ?key= otherwise', () => {
		expect(keyOf(withHeader('Bearer from-header'), url)).toBe('from-header');
		expect(keyOf(withHeader('bearer   from-header '), url)).toBe('from-header');
		expect(keyOf(withHeader('Basic dXNlcjpwYXNz'), url)).toBe('from-query');
		expect(keyOf(new Request(url), url)).toBe('from-query');
		expect(keyOf(new Request('http://test/x'), new URL('http://test/x'))).toBeNull();
	});
});
