import {
	actionsByPriority,
	heatMap,
	leastFulfilled,
	MAX_ACTION_FIELD,
	MAX_CHECK_NOTE,
	MAX_CLUSTER_TITLE,
	MAX_NAME_LENGTH,
	MAX_NOTE_LENGTH,
	MAX_SYNTHESIS,
	mergeRedirect,
	tallyDots,
	resultsFromTotals,
	visibleNotes,
	type Note,
	type RoomSnapshot
} from '../board';
import { m } from '../paraglide/messages';
import { formatSource } from '../workshop/sources';
import type { Locale, Workshop, WorkshopStep } from '../workshop/types';
import {
	REPORT_VERSION,
	type Report,
	type ReportBlock,
	type ReportItem,
	type ReportSection
} from './model';
import { isoTime, MAX_REPORT_ID, truncate } from './text';

export type ReportInput = {
	title: string;
	createdAt: number;
	workshop: Workshop;
	snapshot: RoomSnapshot;
	participants: number;
	locale: Locale;
	/** Show the names participants typed; off keeps the report anonymous. */
	names: boolean;
	/** Labels for ids (building blocks, checklist items, statements, columns), if known. */
	labels?: Record<string, string>;
};

/** Dots per step, with the workshop's vote limit (or a generous default). */
const DOT_LIMIT = 1000;

export function buildReport(input: ReportInput): Report {
	const { snapshot, workshop, locale } = input;
	const visible = visibleNotes(snapshot.board.notes);
	const sections = workshop.steps
		.filter((step) => step.type !== 'info')
		.map((step) => stepSection(input, step));
	const synthesis = (id: string, title: string): ReportSection => ({
		id,
		title,
		synthesis: synthesisOf(input, id),
		blocks: []
	});
	return {
		version: REPORT_VERSION,
		locale,
		title: input.title,
		workshopTitle: workshop.title[locale],
		date: isoTime(input.createdAt).slice(0, 10),
		participants: input.participants,
		contributions: visible.length + snapshot.board.actions.filter((a) => !a.hidden).length,
		sections: [
			{
				id: 'intro',
				title: m.report_intro_title({}, { locale }),
				synthesis: '',
				blocks: [{ kind: 'text', text: workshop.description[locale] }]
			},
			...sections,
			synthesis('vision', m.report_vision({}, { locale })),
			synthesis('agreements', m.report_agreements({}, { locale }))
		],
		sources: (workshop.sources ?? []).map((source) => formatSource(source, locale))
	};
}

// Participant texts are cut at the board's limits: a room stored before the server enforced them
// may hold a note of a megabyte, and no stored value may blow up a report (the PDF of such a note
// took minutes).
const synthesisOf = (input: ReportInput, id: string) =>
	truncate(input.snapshot.control.synthesis[id] ?? '', MAX_SYNTHESIS);

function stepSection(input: ReportInput, step: WorkshopStep): ReportSection {
	const blocks = stepBlocks(input, step);
	return {
		id: step.id,
		title: step.title[input.locale],
		synthesis: synthesisOf(input, step.id),
		blocks: blocks.length
			? blocks
			: [{ kind: 'text', text: m.report_none({}, { locale: input.locale }) }]
	};
}

function stepBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	switch (step.type) {
		case 'checklist':
			return checklistBlocks(input, step);
		case 'assessment':
			return assessmentBlocks(input, step);
		case 'vote':
			return voteBlocks(input, step);
		case 'actions':
			return [...noteBlocks(input, step), ...actionBlocks(input, step)];
		default:
			return noteBlocks(input, step);
	}
}

/** The workshop's label for an id from the board, else the id itself (cut: the board holds it). */
const label = (input: ReportInput, id: string) => input.labels?.[id] ?? truncate(id, MAX_REPORT_ID);

/** Notes of a step, grouped by cluster or column, most-voted first. */
function noteBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const { board } = input.snapshot;
	const notes = visibleNotes(board.notes, step.id);
	if (notes.length === 0) return [];
	const votes = tallyDots(board.dots, step.id, DOT_LIMIT, mergeRedirect(board.notes));
	const item = (note: Note): ReportItem => ({
		text: truncate(note.text, MAX_NOTE_LENGTH),
		votes: votes.get(note.id) ?? 0,
		author: input.names ? truncate(note.authorName, MAX_NAME_LENGTH) : ''
	});
	const sorted = (list: Note[]) => list.map(item).sort((a, b) => b.votes - a.votes);
	const clusters = board.clusters.filter((c) => c.step === step.id);
	const groups = new Map<string, Note[]>();
	for (const note of notes) {
		const cluster = clusters.find((c) => c.id === note.cluster);
		const key = cluster
			? truncate(cluster.title, MAX_CLUSTER_TITLE)
			: note.column
				? label(input, note.column)
				: '';
		groups.set(key, [...(groups.get(key) ?? []), note]);
	}
	const other = m.report_other({}, { locale: input.locale });
	return [...groups].map(([title, list]) => ({
		kind: 'items',
		title: groups.size > 1 && !title ? other : title,
		items: sorted(list)
	}));
}

function checklistBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const { locale } = input;
	const answers = input.snapshot.board.checklist.filter((a) => a.step === step.id);
	if (answers.length === 0) return [];
	const answerText = {
		yes: m.report_answer_yes({}, { locale }),
		partly: m.report_answer_partly({}, { locale }),
		no: m.report_answer_no({}, { locale }),
		'': m.report_answer_none({}, { locale })
	};
	return [
		{
			kind: 'table',
			columns: [
				m.report_item({}, { locale }),
				m.report_answer({}, { locale }),
				m.report_note({}, { locale })
			],
			rows: answers.map((a) => [
				label(input, a.item),
				answerText[a.answer],
				truncate(a.note, MAX_CHECK_NOTE)
			])
		}
	];
}

function assessmentBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
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

function voteBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
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
	return [...note, { kind: 'ballots', rows }];
}

function actionBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const { board } = input.snapshot;
	const { locale } = input;
	const actions = board.actions.filter((a) => a.step === step.id && !a.hidden);
	if (actions.length === 0) return [];
	const dots = tallyDots(board.dots, step.id, DOT_LIMIT);
	const field = (text: string) => truncate(text, MAX_ACTION_FIELD);
	const status = {
		proposed: m.report_status_proposed({}, { locale }),
		confirmed: m.report_status_confirmed({}, { locale }),
		done: m.report_status_done({}, { locale })
	};
	return [
		{
			kind: 'table',
			columns: [
				m.report_action({}, { locale }),
				m.report_action_block({}, { locale }),
				m.report_action_lead({}, { locale }),
				m.report_action_partners({}, { locale }),
				m.report_action_when({}, { locale }),
				m.report_action_first_step({}, { locale }),
				m.report_action_priority({}, { locale }),
				m.report_action_status({}, { locale })
			],
			rows: actionsByPriority(actions, dots).map((a) => [
				field(a.title),
				a.block ? label(input, a.block) : '',
				field(a.lead),
				field(a.partners),
				field(a.when),
				field(a.firstStep),
				String(dots.get(a.id) ?? 0),
				status[a.status]
			])
		}
	];
}
