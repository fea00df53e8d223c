// PDFs are printed by a headless Chromium, locked down: the report's HTML holds participant text,
// so the page that prints it runs no JavaScript and may fetch nothing (its content is set, never
// navigated to; every request is refused), each report gets a context of its own, and a bounded
// queue keeps ten simultaneous downloads from starting ten renderers.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../../scripts/chromium-path.js';
import { escapeHtml } from '../report/text';
import { HttpError } from './http';

/** A browser stays up this long after the last PDF, so that the next download skips its start. */
const IDLE_MS = 60_000;

/** PDFs printed at the same time by default (PDF_CONCURRENCY); the others wait their turn. */
export const PDF_CONCURRENCY = 2;
/** PDFs that may wait by default (PDF_QUEUE); one more is refused with 503 and Retry-After. */
export const PDF_QUEUE_LIMIT = 8;
/** Seconds a refused client is asked to wait before it tries again. */
export const PDF_RETRY_AFTER = 10;

let browser: Promise<Browser> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | null = null;
let printing = 0;
const waiting: (() => void)[] = [];
let limits = { concurrency: PDF_CONCURRENCY, queue: PDF_QUEUE_LIMIT };

/** How many PDFs print at once and how many may wait (the server's config; a bigger machine
 * prints more at a time). One process prints for all its rooms, so this is process-wide. */
export function setPdfLimits(concurrency: number, queue: number): void {
	limits = { concurrency: Math.max(1, concurrency), queue: Math.max(0, queue) };
}

/** What the queue holds now (for tests and the log). */
export function pdfQueue(): { printing: number; waiting: number } {
	return { printing, waiting: waiting.length };
}

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
		if (printing === 0 && waiting.length === 0) void closePdfBrowser();
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

/** A turn to print: at once while fewer than the limit print, else in line; full → 503. */
async function takeTurn(): Promise<void> {
	if (printing < limits.concurrency) {
		printing++;
		return;
	}
	if (waiting.length >= limits.queue)
		throw new HttpError(
			503,
			`the server is printing ${printing} PDFs and ${waiting.length} more wait: try again in ${PDF_RETRY_AFTER} seconds, or download the Word or HTML report`,
			{ 'retry-after': String(PDF_RETRY_AFTER) }
		);
	// The one who ends a print hands its place straight to the first in line.
	await new Promise<void>((resolve) => waiting.push(resolve));
}

function endTurn(): void {
	const next = waiting.shift();
	if (next) next();
	else printing--;
}

/** The footer on every page: "pagina x van y", in the report's language. */
export type PdfOptions = { pageOf?: [string, string, string] };

const escape = (text: string) => escapeHtml(text);

/**
 * Prints the report page to an A4 PDF: tagged (its structure for screen readers), with an
 * outline (bookmarks from the headings) and page numbers.
 */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
	const executablePath = chromiumPath();
	if (!executablePath) {
		throw new HttpError(
			503,
			'PDF is not available on this server (no Chromium; set CHROMIUM_PATH). Open the HTML report and use the browser’s Print instead.'
		);
	}
	await takeTurn();
	let context: BrowserContext | undefined;
	try {
		// Each PDF gets its own context (nothing of one report, storage or cache, reaches the
		// next), with JavaScript off: a <script> in participant text could run nothing anyway
		// (it is escaped), and this holds also if escaping ever failed.
		context = await (
			await warmBrowser(executablePath)
		).newContext({ javaScriptEnabled: false, serviceWorkers: 'block', offline: true });
		// The report page loads nothing from outside: every request it might make is refused.
		await context.route('**/*', (route) => route.abort('blockedbyclient'));
		const page = await context.newPage();
		await page.setContent(html, { waitUntil: 'load' });
		const [before, between, after] = (options.pageOf ?? ['', ' / ', '']).map(escape);
		const pdf = await page.pdf({
			format: 'A4',
			printBackground: true,
			tagged: true,
			outline: true,
			displayHeaderFooter: true,
			headerTemplate: '<span></span>',
			footerTemplate: `<div style="font-size:9px;width:100%;text-align:center;font-family:sans-serif">${before}<span class="pageNumber"></span>${between}<span class="totalPages"></span>${after}</div>`,
			margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' }
		});
		return new Uint8Array(pdf);
	} finally {
		await context?.close().catch(() => {});
		endTurn();
		closeWhenIdle();
	}
}
