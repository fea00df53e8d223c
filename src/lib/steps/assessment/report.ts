import { heatMap, leastFulfilled, type RoomSnapshot } from '../../board';
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
	const blocks = [...new Set(ratings.map((r) => r.block))];
	const known = Object.keys(input.labels ?? {}).filter((id) => blocks.includes(id));
	const order = [...known, ...blocks.filter((b) => !known.includes(b)).sort()];
	if (order.length === 0) return noteBlocks(input, step);
	const spread = heatMap(ratings, step.id, order);
	const rows = spread.map((s) => ({
		block: truncate(s.block, MAX_REPORT_ID),
		label: label(input, s.block),
		counts: s.counts,
		score: s.score
	}));
	const least = leastFulfilled(spread).map((s) => label(input, s.block));
	return [{ kind: 'heatmap', rows, least }, ...noteBlocks(input, step)];
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
	return snapshot.board.ratings.map((r) =>
		csvRow({
			type: kind,
			step: context.id(r.step),
			step_title: context.title(r.step),
			block: context.label(r.block),
			rating: labels[r.rating]
		})
	);
}
