import { getApp } from '$lib/server/app';
import { handle, HttpError, keyOf } from '$lib/server/http';
import { reportLocale, reportResponse } from '$lib/server/report-response';
import { compareSessions, isCompareFormat } from '$lib/server/workspace-api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		if (!isCompareFormat(params.format))
			throw new HttpError(404, `no comparison format "${params.format}"`);
		const report = await compareSessions(
			getApp(),
			params.id,
			keyOf(request, url),
			url.searchParams.get('rooms'),
			params.format,
			reportLocale(url)
		);
		return reportResponse(report, params.format);
	});
