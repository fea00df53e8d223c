import { resultsFromTotals } from '../../board';
import { m } from '../../paraglide/messages';
import { label, noteBlocks, type ReportInput } from '../../report/blocks';
import type { ReportBlock } from '../../report/model';
import type { WorkshopStep } from '../../workshop/types';

/** Each statement's tally and outcome (by the step's rule), or the notes where nobody voted. */
export function voteBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const totals = input.snapshot.board.votes.filter((t) => t.step === step.id);
	const voted = new Set(totals.map((t) => t.statement));
	if (voted.size === 0) return noteBlocks(input, step);
	// The workshop's order first, then statements only the totals know; the step's rule.
	const defined = step.options?.statements ?? [];
	const order = [...new Set([...defined.map((s) => s.id), ...voted])].filter((id) => voted.has(id));
	const rows = resultsFromTotals(totals, step.id, order, step.options?.rule).map((result) => {
		const recorded = defined.find((s) => s.id === result.statement)?.recorded;
		return {
			statement: label(input, result.statement),
			tally: result.tally,
			outcome: result.outcome,
			...(recorded ? { recorded } : {})
		};
	});
	// The server's report also counts a vote the facilitator never revealed (see report.ts):
	// the report is the facilitator's, not a participant view, but it says so.
	const shown = input.snapshot.control.revealedSteps.includes(step.id);
	const note: ReportBlock[] = shown
		? []
		: [{ kind: 'text', text: m.report_vote_not_revealed({}, { locale: input.locale }) }];
	const onPaper = totals
		.filter((t) => t.paper && voted.has(t.statement))
		.map((t) => `${label(input, t.statement)} ${t.paper}`)
		.join(', ');
	const paper: ReportBlock[] = onPaper
		? [{ kind: 'text', text: m.paper_report_counts({ list: onPaper }, { locale: input.locale }) }]
		: [];
	return [...note, { kind: 'ballots', rows }, ...paper];
}
