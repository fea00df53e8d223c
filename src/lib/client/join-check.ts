// Checking a join code before anyone is greeted: the start page and the join page (a QR link or
// a typed address) ask the server whether the code lets people in now, and explain a refusal in
// words a participant understands, in the field where the code was typed.
import { m } from '$lib/paraglide/messages';
import { readJoinCode } from '$lib/join-code';
import { ApiError } from './api';

export { readJoinCode };

/** The problem with what was typed, before asking the server; '' when it looks like a code. */
export function codeFormatProblem(input: string): string {
	if (!input.trim()) return m.join_code_empty();
	if (!readJoinCode(input)) return m.join_code_malformed();
	return '';
}

/** Asks the server whether the code admits people now; throws ApiError with its status. */
export async function checkJoinCode(code: string): Promise<{ code: string; title: string }> {
	const response = await fetch('/api/join/check', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code })
	});
	const body = await response.json().catch(() => ({}));
	if (!response.ok) throw new ApiError(response.status, body.error ?? response.statusText);
	return body as { code: string; title: string };
}

/** A refusal of a join or a code check, in plain words. */
export function explainJoinError(error: unknown): string {
	if (error instanceof ApiError) {
		if (error.status === 404) return m.error_wrong_code();
		if (error.status === 429) return m.error_throttled();
		if (error.status === 409) return m.error_full();
		if (error.status === 403) return m.error_joining_closed();
		return m.error_generic({ message: error.message });
	}
	return m.join_check_offline();
}
