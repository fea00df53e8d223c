import { env } from '$env/dynamic/private';
import type { PageServerLoad } from './$types';

// The body that offers this Visiewerkplaats fills in where people can report a barrier
// (ACCESSIBILITY_CONTACT: an e-mail address or a web page); without it, the statement says to
// ask the facilitator of the workshop.
export const load: PageServerLoad = () => ({
	contact: (env.ACCESSIBILITY_CONTACT ?? '').trim().slice(0, 200)
});
