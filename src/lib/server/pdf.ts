import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../../scripts/chromium-path.js';
import { HttpError } from './http';

/** A browser stays up this long after the last PDF, so that the next download skips its start. */
const IDLE_MS = 60_000;

let browser: Promise<Browser> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | null = null;
let printing = 0;

function warmBrowser(executablePath: string): Promise<Browser> {
	if (!browser) {
		const launched = chromium.launch({ executablePath, args: CHROMIUM_ARGS });
		browser = launched;
		launched.then(
			(b) =>
				b.on('disconnected', () => {
					if (browser === launched) browser = null;
				}),
			() => {
				if (browser === launched) browser = null;
			}
		);
	}
	return browser;
}

function closeWhenIdle(): void {
	if (idleTimer) clearTimeout(idleTimer);
	idleTimer = setTimeout(() => {
		if (printing === 0) void closePdfBrowser();
	}, IDLE_MS);
	idleTimer.unref();
}

/** Closes the kept-warm browser, if any (on shutdown, and after a quiet minute). */
export async function closePdfBrowser(): Promise<void> {
	if (idleTimer) clearTimeout(idleTimer);
	idleTimer = null;
	const open = browser;
	browser = null;
	if (open) await open.then((b) => b.close()).catch(() => {});
}

/** Prints the report page to an A4 PDF in a headless Chromium. */
export async function renderPdf(html: string): Promise<Uint8Array> {
	const executablePath = chromiumPath();
	if (!executablePath) {
		throw new HttpError(
			503,
			'PDF is not available on this server (no Chromium; set CHROMIUM_PATH). Open the HTML report and use the browser’s Print instead.'
		);
	}
	printing++;
	let context: BrowserContext | undefined;
	try {
		// Each PDF gets its own context: nothing of one report (storage, cache) reaches the next.
		context = await (await warmBrowser(executablePath)).newContext();
		const page = await context.newPage();
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
		printing--;
		await context?.close().catch(() => {});
		closeWhenIdle();
	}
}
