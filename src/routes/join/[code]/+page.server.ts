import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { admittingRoom, joinRoom, JoinBody } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { HttpError } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/** A refusal the page explains in the participant's words (client/join-check.ts). */
export type JoinRefusal = { code: string; status: number };

function refusalOf(error: unknown, code: string): JoinRefusal {
	if (error instanceof HttpError) return { code, status: error.status };
	throw error;
}

// The code in a QR link is checked while the page is made, so the phone receives the name field
// (or the reason the code does not work) in its first response: on a slow network it can be
// typed in before any script has arrived. It counts as a join attempt, as POST /api/join/check.
export const load: PageServerLoad = ({ params, getClientAddress, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const code = (params.code ?? '').toUpperCase();
	try {
		const room = admittingRoom(getApp(), code, getClientAddress());
		return { check: { ok: true as const, code: room.joinCode } };
	} catch (error) {
		return { check: { ok: false as const, ...refusalOf(error, code) } };
	}
};

// Joining works as a plain form post too: a name typed and sent before the page's script ran is
// not lost. The page stores the answer on the device and opens the room (+page.svelte).
export const actions: Actions = {
	default: async ({ request, getClientAddress }) => {
		const form = await request.formData();
		const body = v.safeParse(JoinBody, {
			code: String(form.get('code') ?? ''),
			name: String(form.get('name') ?? '')
		});
		if (!body.success) return fail(400, { refused: { code: '', status: 400 } });
		try {
			return { joined: joinRoom(getApp(), body.output, getClientAddress()) };
		} catch (error) {
			const refused = refusalOf(error, body.output.code);
			return fail(refused.status, { refused });
		}
	}
};
