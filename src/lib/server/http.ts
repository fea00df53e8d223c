import { json } from '@sveltejs/kit';
import * as v from 'valibot';

export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export function errorResponse(
	status: number,
	message: string,
	headers: Record<string, string> = {}
): Response {
	return json({ error: message }, { status, headers });
}

/** Reads and validates a JSON body; every problem becomes a 400 naming the field. */
export async function readBody<T extends v.GenericSchema>(
	request: Request,
	schema: T
): Promise<v.InferOutput<T>> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.includes('application/json'))
		throw new HttpError(415, 'send the body as JSON (Content-Type: application/json)');
	let raw: unknown;
	try {
		raw = await request.json();
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
			return errorResponse(error.status, error.message, error.headers);
		throw error;
	}
}
