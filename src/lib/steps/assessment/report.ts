import {
	heatMap,
	leastFulfilled,
	type PaperCount,
	type Rating,
	type RoomSnapshot
} from '../../board';
import { m } from '../../paraglide/messages';
import type { CsvContext, CsvRow } from '../kind';
import { label, noteBlocks, type ReportInput } from '../../report/blocks';
import type { ReportBlock } from '../../report/model';
import { MAX_REPORT_ID, truncate } from '../../report/text';
import type { WorkshopStep } from '../../workshop/types';
import { csvRow } from '../csv-row';

/** The heat map of the ratings and the least fulfilled items, then the step's notes. */
export function assessmentBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const ratings = input.snapshot.board.ratings.filter((r) => r.step === step.id);
	const paper = (input.snapshot.board.paperCounts ?? []).filter((c) => c.step === step.id);
	const blocks = [...new Set([...ratings.map((r) => r.block), ...paper.map((c) => c.target)])];
	const known = Object.keys(input.labels ?? {}).filter((id) => blocks.includes(id));
	const order = [...known, ...blocks.filter((b) => !known.includes(b)).sort()];
	if (order.length === 0) return noteBlocks(input, step);
	const spread = heatMap(ratings, step.id, order, paper);
	const rows = spread.map((s) => ({
		block: truncate(s.block, MAX_REPORT_ID),
		label: label(input, s.block),
		counts: s.counts,
		score: s.score
	}));
	const least = leastFulfilled(spread).map((s) => label(input, s.block));
	const onPaper = spread
		.filter((s) => s.paper)
		.map((s) => `${label(input, s.block)} ${s.paper}`)
		.join(', ');
	const paperNote: ReportBlock[] = onPaper
		? [{ kind: 'text', text: m.paper_report_counts({ list: onPaper }, { locale: input.locale }) }]
		: [];
	return [{ kind: 'heatmap', rows, least }, ...paperNote, ...noteBlocks(input, step)];
}

/** Every rating in the CSV export, one row each, without who gave it. */
export function ratingRows(
	snapshot: RoomSnapshot,
	_workshop: unknown,
	context: CsvContext
): CsvRow[] {
	const { locale } = context;
	const labels = {
		strong: m.report_rating_strong({}, { locale }),
		partly: m.report_rating_partly({}, { locale }),
		notyet: m.report_rating_notyet({}, { locale }),
		unknown: m.report_rating_unknown({}, { locale })
	};
	const kind = m.report_csv_kind_rating({}, { locale });
	const rows = snapshot.board.ratings.map((r) =>
		csvRow({
			type: kind,
			step: context.id(r.step),
			step_title: context.title(r.step),
			block: context.label(r.block),
			rating: labels[r.rating]
		})
	);
	// Hand counts from paper: one row per block and rating, the count in the note.
	const paper = (snapshot.board.paperCounts ?? []).filter(
		(c): c is PaperCount & { choice: Rating } => c.choice in labels
	);
	return [
		...rows,
		...paper.map((c) =>
			csvRow({
				type: kind,
				step: context.id(c.step),
				step_title: context.title(c.step),
				block: context.label(c.target),
				rating: labels[c.choice],
				note: m.paper_count_csv({ count: c.count }, { locale })
			})
		)
	];
}
