import { getApp } from '$lib/server/app';
import { roomHandout } from '$lib/server/handout';
import { handle, HttpError, keyOf } from '$lib/server/http';
import { isLocale, LOCALES } from '$lib/workshop/types';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		if (params.format !== 'pdf' && params.format !== 'html')
			throw new HttpError(404, `no handout format "${params.format}": use pdf or html`);
		const lang = url.searchParams.get('lang') ?? 'nl';
		if (!isLocale(lang))
			throw new HttpError(400, `no language "${lang}": use ${LOCALES.join(', ')}`);
		const handout = await roomHandout(
			getApp(),
			params.id,
			keyOf(request, url),
			params.format,
			lang,
			url.origin
		);
		return new Response(handout.body as BodyInit, {
			headers: {
				'content-type': handout.contentType,
				'content-disposition': `${params.format === 'html' ? 'inline' : 'attachment'}; filename="${handout.fileName}"`,
				'cache-control': 'no-store',
				'referrer-policy': 'no-referrer',
				'content-security-policy':
					"default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
			}
		});
	});
