import { heatMap, leastFulfilled } from '../../board';
import { label, noteBlocks, type ReportInput } from '../../report/blocks';
import type { ReportBlock } from '../../report/model';
import { MAX_REPORT_ID, truncate } from '../../report/text';
import type { WorkshopStep } from '../../workshop/types';

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
