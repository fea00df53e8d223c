import { json } from '@sveltejs/kit';
import * as v from 'valibot';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {},
		/** More fields for the JSON body, e.g. a `reason` the browser turns into its own words. */
		readonly details: Record<string, string | number> = {}
	) {
		super(message);
	}
}

export function errorResponse(
	status: number,
	message: string,
	headers: Record<string, string> = {},
	details: Record<string, string | number> = {}
): Response {
	return json({ error: message, ...details }, { status, headers });
}

function tooLarge(maxBytes: number): HttpError {
	return new HttpError(413, `the body is too large (at most ${maxBytes} bytes)`);
}

/**
 * Reads a body as text, refusing it with 413 past `maxBytes`: first by its Content-Length,
 * before anything is read, then while it streams in (a body without a length, or one that lies).
 */
export async function readText(request: Request, maxBytes: number): Promise<string> {
	const length = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(length) && length > maxBytes) throw tooLarge(maxBytes);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > maxBytes) {
				void reader.cancel().catch(() => {});
				throw tooLarge(maxBytes);
			}
			chunks.push(value);
		}
	} catch (error) {
		if (error instanceof HttpError) throw error;
		// The Node adapter's own limit (BODY_SIZE_LIMIT) ends the stream with a 413 of its own.
		if ((error as { status?: unknown } | null)?.status === 413) throw tooLarge(maxBytes);
		throw new HttpError(400, 'the body could not be read');
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Reads and validates a JSON body; every problem becomes a 4xx naming the field. */
export async function readBody<T extends v.GenericSchema>(
	request: Request,
	schema: T,
	maxBytes: number = DEFAULT_MAX_BODY_BYTES
): Promise<v.InferOutput<T>> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.includes('application/json'))
		throw new HttpError(415, 'send the body as JSON (Content-Type: application/json)');
	const text = await readText(request, maxBytes);
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new HttpError(400, 'the body is not valid JSON');
	}
	const result = v.safeParse(schema, raw);
	if (!result.success) {
		const issue = result.issues[0]!;
		const field = v.getDotPath(issue);
		throw new HttpError(400, field ? `${field}: ${issue.message}` : issue.message);
	}
	return result.output;
}

/**
 * The key a request carries: `Authorization: Bearer <key>` (kept out of proxy and access logs)
 * or, for links and older scripts, `?key=`. The header wins when both are given.
 */
export function keyOf(request: Request, url: URL): string | null {
	const header = request.headers.get('authorization');
	if (header) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
		if (match) return match[1]!;
	}
	return url.searchParams.get('key');
}

/** Runs a handler and turns an HttpError into its JSON response. */
export async function handle(run: () => Promise<Response> | Response): Promise<Response> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof HttpError)
			return errorResponse(error.status, error.message, error.headers, error.details);
		throw error;
	}
}
