// The report for a 1,000-contribution room: Markdown, DOCX and PDF, median of several runs.
import * as Y from 'yjs';
import { addNote, fromYdoc, placeDot, proposeAction, rateBlock } from '../src/lib/board';
import { buildReport, reportToDocx, reportToHtml, reportToMarkdown } from '../src/lib/report';
import { closePdfBrowser, renderPdf } from '../src/lib/server/pdf';
import { loadWorkshops } from '../src/lib/workshop/files';

function bigRoom() {
	const workshop = loadWorkshops().workshops[0]!;
	const control = new Y.Doc();
	const board = new Y.Doc();
	const steps = workshop.steps.filter((s) => s.type !== 'info');
	for (let i = 0; i < 1000; i++) {
		const step = steps[i % steps.length]!;
		const column = step.options?.columns?.[i % (step.options.columns.length || 1)]?.id ?? '';
		addNote(board, {
			id: `n${i}`,
			step: step.id,
			column,
			text: `Bijdrage ${i}: een buurt waar mensen elkaar kennen en helpen.`,
			author: `p${i % 40}`,
			authorName: '',
			created: i
		});
		if (i % 3 === 0)
			placeDot(board, {
				step: step.id,
				participant: `p${i % 40}`,
				target: `n${i}`,
				delta: 1,
				limit: 1000
			});
	}
	for (let p = 0; p < 40; p++)
		for (const block of ['detectie', 'toeleiding', 'inclusie'])
			rateBlock(board, {
				step: 'referentiekader',
				participant: `p${p}`,
				block,
				rating: (['strong', 'partly', 'notyet'] as const)[p % 3]!
			});
	for (let a = 0; a < 20; a++)
		proposeAction(board, {
			id: `a${a}`,
			step: 'aan-de-slag',
			author: 'p1',
			created: a,
			title: `Actie ${a}`,
			lead: 'OCMW'
		});
	return { workshop, snapshot: fromYdoc(control, board) };
}

/** Median wall time of `work`; `before` runs ahead of each run, outside the timing. */
async function median(
	runs: number,
	work: () => Promise<unknown> | unknown,
	before?: () => Promise<unknown>
): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		await before?.();
		const start = performance.now();
		await work();
		times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function run(quick = false) {
	const { workshop, snapshot } = bigRoom();
	const report = () =>
		buildReport({
			title: 'Benchmark',
			createdAt: 0,
			workshop,
			snapshot,
			participants: 40,
			locale: 'nl',
			names: true
		});
	const runs = quick ? 3 : 7;
	const rows = [
		{
			what: 'report model + Markdown',
			ms: await median(runs, () => reportToMarkdown(report())),
			target: null
		},
		{ what: 'DOCX', ms: await median(runs, () => reportToDocx(report())), target: 300 },
		{
			what: 'PDF, first download (Chromium starts)',
			ms: await median(quick ? 1 : 3, () => renderPdf(reportToHtml(report())), closePdfBrowser),
			target: null
		},
		{
			what: 'PDF, next downloads (browser kept warm for a minute)',
			ms: await median(quick ? 3 : 5, () => renderPdf(reportToHtml(report()))),
			target: 2000
		}
	];
	await closePdfBrowser();
	return rows;
}
