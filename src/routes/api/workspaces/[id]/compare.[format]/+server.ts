import { getApp } from '$lib/server/app';
import { handle, HttpError, keyOf } from '$lib/server/http';
import { compareSessions, isCompareFormat } from '$lib/server/workspace-api';
import { isLocale, LOCALES } from '$lib/workshop/types';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		if (!isCompareFormat(params.format))
			throw new HttpError(404, `no comparison format "${params.format}"`);
		const lang = url.searchParams.get('lang') ?? 'nl';
		if (!isLocale(lang))
			throw new HttpError(400, `no report language "${lang}": use ${LOCALES.join(', ')}`);
		const report = await compareSessions(
			getApp(),
			params.id,
			keyOf(request, url),
			url.searchParams.get('rooms'),
			params.format,
			lang
		);
		const disposition = params.format === 'html' ? 'inline' : 'attachment';
		return new Response(report.body as BodyInit, {
			headers: {
				'content-type': report.contentType,
				'content-disposition': `${disposition}; filename="${report.fileName}"`,
				'cache-control': 'no-store',
				'referrer-policy': 'no-referrer',
				'content-security-policy':
					"default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
			}
		});
	});
