import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../../scripts/chromium-path.js';
import { HttpError } from './http';

/** Prints the report page to an A4 PDF in a headless Chromium. */
export async function renderPdf(html: string): Promise<Uint8Array> {
	const executablePath = chromiumPath();
	if (!executablePath) {
		throw new HttpError(
			503,
			'PDF is not available on this server (no Chromium; set CHROMIUM_PATH). Open the HTML report and use the browser’s Print instead.'
		);
	}
	const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage();
		// The report page loads nothing from outside: block any request it might still make.
		await page.route('**/*', (route) => route.abort());
		await page.setContent(html, { waitUntil: 'load' });
		const pdf = await page.pdf({
			format: 'A4',
			printBackground: true,
			displayHeaderFooter: true,
			headerTemplate: '<span></span>',
			footerTemplate:
				'<div style="font-size:9px;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
			margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' }
		});
		return new Uint8Array(pdf);
	} finally {
		await browser.close();
	}
}
