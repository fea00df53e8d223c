// The HTTP side shared by every report download (a room's report, a workspace's comparison):
// the language asked for, and a response that is never cached, leaks no referrer and runs nothing.
import { LOCALES, isLocale, type Locale } from '../workshop/types';
import { HttpError } from './http';

export type ReportFile = { body: unknown; contentType: string; fileName: string };

/** `?lang=`, Dutch by default; a language we do not write is a 400 that lists the ones we do. */
export function reportLocale(url: URL): Locale {
	const lang = url.searchParams.get('lang') ?? 'nl';
	if (!isLocale(lang))
		throw new HttpError(400, `no report language "${lang}": use ${LOCALES.join(', ')}`);
	return lang;
}

/** HTML opens in the browser; every other format downloads. */
export function reportResponse(report: ReportFile, format: string): Response {
	const disposition = format === 'html' ? 'inline' : 'attachment';
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
}
