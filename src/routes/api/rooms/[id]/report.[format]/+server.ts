import { getApp } from '$lib/server/app';
import { handle, HttpError, keyOf } from '$lib/server/http';
import { isReportFormat, roomReport } from '$lib/server/report';
import { isLocale, LOCALES } from '$lib/workshop/types';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		if (!isReportFormat(params.format))
			throw new HttpError(404, `no report format "${params.format}"`);
		// The report's language is the one asked for (the console asks in its own), Dutch by default.
		const lang = url.searchParams.get('lang') ?? 'nl';
		if (!isLocale(lang))
			throw new HttpError(400, `no report language "${lang}": use ${LOCALES.join(', ')}`);
		const locale = lang;
		// Private by default: names and introductions only when the facilitator ticks them.
		const names = url.searchParams.get('names') === '1';
		const report = await roomReport(getApp(), params.id, keyOf(request, url), params.format, {
			locale,
			names
		});
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
