import { getApp } from '$lib/server/app';
import { handle, HttpError, keyOf } from '$lib/server/http';
import { isReportFormat, roomReport } from '$lib/server/report';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		if (!isReportFormat(params.format))
			throw new HttpError(404, `no report format "${params.format}"`);
		const locale = url.searchParams.get('lang') === 'en' ? 'en' : 'nl';
		const names = url.searchParams.get('names') !== '0';
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
