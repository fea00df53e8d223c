// Paper beside phones: a printable A4 handout per session, for people without a smartphone.
// The join code and its QR (for a neighbour's phone), then per step its question with room to
// write; an assessment lists its building blocks with boxes to tick. No key of any role in it.
import QRCode from 'qrcode';
import { m } from '../paraglide/messages';
import { escapeHtml as h } from '../report/text';
import { inVariant, type Locale, type WorkshopStep } from '../workshop/types';
import { requireAccess } from './api';
import type { App } from './app';
import { HttpError } from './http';
import { renderPdf } from './pdf';
import { workshopOfRoom } from './room-workshop';

/** Steps where people contribute; an info step only shows something. */
const writes = (step: WorkshopStep) => step.type !== 'info';

function stepHtml(step: WorkshopStep, index: number, locale: Locale): string {
	const title = `<h2>${index}. ${h(step.title[locale])}</h2><p class="prompt">${h(step.prompt[locale])}</p>`;
	const items =
		step.type === 'assessment'
			? ((step.options as { seedItems?: { title: { nl: string; en: string; fr: string } }[] })
					?.seedItems ?? [])
			: [];
	if (items.length) {
		const scale = [
			m.assessment_rating_strong({}, { locale }),
			m.assessment_rating_partly({}, { locale }),
			m.assessment_rating_notyet({}, { locale }),
			m.assessment_rating_unknown({}, { locale })
		];
		const head = `<tr><th></th>${scale.map((s) => `<th>${h(s)}</th>`).join('')}</tr>`;
		const rows = items
			.map(
				(item) =>
					`<tr><td>${h(item.title[locale])}</td>${scale.map(() => '<td class="box">☐</td>').join('')}</tr>`
			)
			.join('');
		return `<section>${title}<table>${head}${rows}</table></section>`;
	}
	return `<section>${title}<div class="lines">${'<div class="line"></div>'.repeat(step.type === 'round' ? 3 : 6)}</div></section>`;
}

export async function handoutHtml(app: App, roomId: string, locale: Locale, origin: string) {
	const room = app.rooms.get(roomId)!;
	const running = workshopOfRoom(app.rooms, room);
	if (!running.workshop) throw new HttpError(500, running.note);
	const workshop = inVariant(running.workshop, room.variant);
	const joinUrl = `${origin}/join/${room.joinCode}`;
	const qr = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	const steps = workshop.steps
		.filter(writes)
		.map((step, i) => stepHtml(step, i + 1, locale))
		.join('\n');
	return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${h(room.title)}</title>
<style>
@page { size: A4; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; color: #14232b; font-size: 11pt; }
h1 { font-size: 20pt; margin: 0 0 4pt; color: #07443c; }
.intro { display: flex; gap: 14pt; align-items: center; border: 1px solid #d6d0c4; border-radius: 8pt; padding: 8pt 10pt; margin: 8pt 0 12pt; }
.qr { width: 30mm; flex: none; }
.qr svg { width: 100%; height: auto; }
.code { font-size: 18pt; font-weight: 800; letter-spacing: 0.08em; }
section { break-inside: avoid; margin-bottom: 12pt; }
h2 { font-size: 13pt; margin: 0 0 2pt; }
.prompt { margin: 0 0 6pt; }
.line { border-bottom: 1px solid #8a8478; height: 9mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d6d0c4; padding: 3pt 5pt; text-align: left; font-size: 10pt; }
td.box { text-align: center; font-size: 14pt; }
.paper { margin-top: 10pt; font-size: 9.5pt; color: #44545c; }
</style></head>
<body>
<h1>${h(room.title)}</h1>
<p>${h(workshop.title[locale])}</p>
<div class="intro"><div class="qr">${qr}</div><div>
<p>${h(m.handout_intro({}, { locale }))}</p>
<p>${h(m.handout_join({ url: `${origin}/join` }, { locale }))} <span class="code">${h(room.joinCode)}</span></p>
<p>${h(m.handout_name({}, { locale }))} ________________________________</p>
</div></div>
${steps}
<p class="paper">${h(m.handout_paper({}, { locale }))}</p>
</body></html>`;
}

/** The handout (facilitator or viewer key), as PDF or as HTML to print from the browser. */
export async function roomHandout(
	app: App,
	roomId: string,
	key: string | null,
	format: 'pdf' | 'html',
	locale: Locale,
	origin: string
) {
	const { room, access } = requireAccess(app, roomId, key);
	if (access.role === 'participant')
		throw new HttpError(403, 'the handout needs the facilitator or viewer key');
	const html = await handoutHtml(app, roomId, locale, origin);
	const slug =
		room.title
			.normalize('NFKD')
			.replace(/[^\w\s-]/g, '')
			.trim()
			.replace(/\s+/g, '-')
			.toLowerCase()
			.slice(0, 50) || 'sessie';
	return {
		body:
			format === 'pdf'
				? await renderPdf(html, {
						pageOf: m.handout_page_of({}, { locale }).split('|') as [string, string, string]
					})
				: html,
		contentType: format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
		fileName: `papier-${slug}.${format}`
	};
}
