import { getApp } from '$lib/server/app';
import { handle, HttpError, keyOf } from '$lib/server/http';
import { isReportFormat, roomReport } from '$lib/server/report';
import { reportLocale, reportResponse } from '$lib/server/report-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		if (!isReportFormat(params.format))
			throw new HttpError(404, `no report format "${params.format}"`);
		// The report's language is the one asked for (the console asks in its own).
		const locale = reportLocale(url);
		// Private by default: names and introductions only when the facilitator ticks them.
		const names = url.searchParams.get('names') === '1';
		const report = await roomReport(getApp(), params.id, keyOf(request, url), params.format, {
			locale,
			names
		});
		return reportResponse(report, params.format);
	});
