// The PDF as a college reads it (tagged, bookmarks, "pagina x van y", its language, nothing
// clipped), and the Chromium that prints it locked down: no JavaScript, no request leaves the
// page, and a bounded queue. Needs the system Chromium.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, reportToHtml } from '../../src/lib/report';
import { pageOfParts } from '../../src/lib/report/text';
import { HttpError } from '../../src/lib/server/http';
import {
	closePdfBrowser,
	PDF_CONCURRENCY,
	PDF_QUEUE_LIMIT,
	pdfQueue,
	renderPdf,
	setPdfLimits
} from '../../src/lib/server/pdf';
import { inVariant } from '../../src/lib/workshop/types';
import {
	SESSION_CREATED_AT,
	SESSION_WORKSHOP,
	sessionLabels,
	sessionRoom
} from '../fixtures/report-session';

const report = (locale: 'nl' | 'en') =>
	buildReport({
		title: 'Zorgzame buurten Kortemark',
		createdAt: SESSION_CREATED_AT,
		workshop: inVariant(SESSION_WORKSHOP, '120'),
		snapshot: sessionRoom().snapshot,
		participants: 20,
		variant: '120',
		locale,
		names: false,
		labels: sessionLabels(locale)
	});

async function pdfText(pdf: Uint8Array) {
	const doc = await getDocument({ data: pdf.slice(), useSystemFonts: true }).promise;
	const pages: string[] = [];
	for (let i = 1; i <= doc.numPages; i++) {
		const content = await (await doc.getPage(i)).getTextContent();
		pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
	}
	return { doc, pages };
}

/** A server that counts every request a page makes to it. */
let hits: string[] = [];
let server: http.Server;
let origin = '';
beforeAll(async () => {
	server = http.createServer((req, res) => {
		hits.push(req.url ?? '');
		res.writeHead(200, { 'content-type': 'image/png' }).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await closePdfBrowser();
	await new Promise((resolve) => server.close(resolve));
});

describe('the PDF report', () => {
	it('is tagged, has bookmarks, "pagina x van y", the document language, and a table that fits', async () => {
		for (const locale of ['nl', 'en'] as const) {
			const r = report(locale);
			const pdf = await renderPdf(reportToHtml(r), { pageOf: pageOfParts(r) });
			if (process.env.REPORT_OUT)
				fs.writeFileSync(path.join(process.env.REPORT_OUT, `session-${locale}.pdf`), pdf);
			const raw = Buffer.from(pdf).toString('latin1');
			// Tagged: a structure tree and marked content, for screen readers.
			// (Booleans: a failing match would print the whole binary file.)
			expect(/\/StructTreeRoot/.test(raw), 'a structure tree').toBe(true);
			expect(/\/Marked true/.test(raw), 'marked content').toBe(true);
			// The document's language.
			expect(raw.includes(`/Lang (${locale})`), 'the language').toBe(true);
			const { doc, pages } = await pdfText(pdf);
			// Bookmarks: the parts and sections.
			const outline = await doc.getOutline();
			const titles = JSON.stringify(outline);
			expect(titles).toContain(locale === 'nl' ? 'Onze visie' : 'Our vision');
			expect(titles).toContain(locale === 'nl' ? 'Waar staan we' : 'Where we stand');
			const total = doc.numPages;
			expect(total).toBeGreaterThan(3);
			pages.forEach((text, i) =>
				expect(text).toContain(
					locale === 'nl' ? `pagina ${i + 1} van ${total}` : `page ${i + 1} of ${total}`
				)
			);
			// The action table is whole: its last column (status) is printed for every action,
			// five of them proposed (a table wider than the page loses its right columns). In
			// Dutch a checklist item says "voorgesteld" once more.
			const all = pages.join(' ');
			const proposed = locale === 'nl' ? /\bvoorgesteld\b/g : /\bproposed\b/g;
			expect(all.match(proposed)).toHaveLength(locale === 'nl' ? 6 : 5);
			// Every text stays inside the page (nothing clipped on the right).
			for (let i = 1; i <= total; i++) {
				const page = await doc.getPage(i);
				const width = page.getViewport({ scale: 1 }).width;
				const items = (await page.getTextContent()).items;
				// (Spaces between table cells may come as one wide item: only text counts.)
				for (const item of items)
					if ('transform' in item && item.str.trim())
						expect(item.transform[4] + item.width, item.str).toBeLessThanOrEqual(width);
			}
		}
	});

	it('runs no script and makes no request, whatever the page holds', async () => {
		hits = [];
		const hostile = `<!doctype html><html lang="nl"><head>
			<link rel="stylesheet" href="${origin}/style.css">
			<style>body { background: url(${origin}/bg.png) } @import url(${origin}/import.css);</style>
			</head><body>
			<h1 id="title">Rapport</h1>
			<img src="${origin}/img.png" alt="">
			<iframe src="${origin}/frame.html"></iframe>
			<object data="${origin}/object.pdf"></object>
			<script>document.getElementById('title').textContent = 'SCRIPT RAN'; fetch('${origin}/fetch');</script>
			<script src="${origin}/script.js"></script>
			<svg><image href="${origin}/svg.png"/></svg>
			</body></html>`;
		const pdf = await renderPdf(hostile);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(hits).toEqual([]);
		const { pages } = await pdfText(pdf);
		expect(pages.join(' ')).toContain('Rapport');
		expect(pages.join(' ')).not.toContain('SCRIPT RAN');
	});

	it('prints at most a few at a time; the rest wait, and beyond the queue a 503 with Retry-After', async () => {
		const html = '<!doctype html><html lang="nl"><body><p>Kort</p></body></html>';
		let most = 0;
		const watch = setInterval(() => (most = Math.max(most, pdfQueue().printing)), 5);
		const count = PDF_CONCURRENCY + PDF_QUEUE_LIMIT + 3;
		const results = await Promise.allSettled(Array.from({ length: count }, () => renderPdf(html)));
		clearInterval(watch);
		const done = results.filter((r) => r.status === 'fulfilled');
		const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
		expect(done).toHaveLength(PDF_CONCURRENCY + PDF_QUEUE_LIMIT);
		expect(refused).toHaveLength(3);
		for (const error of refused) {
			expect(error).toBeInstanceOf(HttpError);
			expect((error as HttpError).status).toBe(503);
			expect((error as HttpError).headers['retry-after']).toMatch(/^\d+$/);
		}
		expect(most).toBeLessThanOrEqual(PDF_CONCURRENCY);
		expect(pdfQueue()).toEqual({ printing: 0, waiting: 0 });
		// And afterwards it prints again.
		expect((await renderPdf(html)).length).toBeGreaterThan(500);
	});

	it('prints as many at a time and lets as many wait as the server is configured for', async () => {
		const html = '<!doctype html><html lang="nl"><body><p>Kort</p></body></html>';
		setPdfLimits(1, 2);
		try {
			let most = 0;
			const watch = setInterval(() => (most = Math.max(most, pdfQueue().printing)), 5);
			const results = await Promise.allSettled(Array.from({ length: 5 }, () => renderPdf(html)));
			clearInterval(watch);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
			expect(most).toBe(1);
		} finally {
			setPdfLimits(PDF_CONCURRENCY, PDF_QUEUE_LIMIT);
		}
	});
});
