// Part 1 of the report, the vision document: what a policy officer takes to the college. The
// group's vision first, then the themes, where the municipality stands on the framework, the
// confirmed actions, the agreements and the workshop's sources. Part 2 (the annex) holds every
// contribution per step; this part only summarises, and never names participants.
import {
	heatMap,
	MAX_ACTION_FIELD,
	MAX_CLUSTER_TITLE,
	MAX_NOTE_LENGTH,
	mergeRedirect,
	tallyDots,
	visibleNotes,
	type BlockSpread,
	type Note
} from '../board';
import { m } from '../paraglide/messages';
import type { Locale, WorkshopStep } from '../workshop/types';
import { DOT_LIMIT, label, type ReportInput } from './blocks';
import type { ReportBlock, ReportItem, ReportSection } from './model';
import { confirmedActions, isStructured, planOrder, type PlanAction } from './plan';
import { truncate } from './text';

/** How many themes part 1 shows, and how many quotes per theme. */
export const TOP_THEMES = 5;
export const QUOTES_PER_THEME = 3;

/** The step whose notes are the group's vision sentences (the workshop's "visie" step). */
const isVisionStep = (step: WorkshopStep) => /^(visie|vision)\b/.test(step.id);

type Synthesis = (id: string) => string;

export function visionSections(
	input: ReportInput,
	synthesis: Synthesis,
	sources: string[]
): ReportSection[] {
	const { locale } = input;
	const section = (id: string, title: string, blocks: ReportBlock[], text = ''): ReportSection => ({
		id,
		title,
		synthesis: text,
		blocks,
		part: 'vision'
	});
	// A part the facilitator has not written yet says so, rather than standing empty.
	const written = (id: string, blocks: ReportBlock[]): ReportBlock[] =>
		synthesis(id).trim() || blocks.length
			? blocks
			: [{ kind: 'text', text: m.report_synthesis_placeholder({}, { locale }) }];
	return [
		section(
			'vision',
			m.report_vision({}, { locale }),
			written('vision', visionBlocks(input)),
			synthesis('vision')
		),
		section('themes', m.report_themes({}, { locale }), themeBlocks(input)),
		section('framework', m.report_framework({}, { locale }), frameworkBlocks(input)),
		section('plan', m.report_plan({}, { locale }), planBlocks(input)),
		section(
			'agreements',
			m.report_agreements({}, { locale }),
			written('agreements', []),
			synthesis('agreements')
		),
		section('sources', m.report_sources({}, { locale }), sourceBlocks(input, sources))
	];
}

const quote = (note: Note, votes: number): ReportItem => ({
	text: truncate(note.text, MAX_NOTE_LENGTH),
	votes,
	author: ''
});

/** The vision step's sentences, most dots first (anonymous: part 1 names nobody). */
function visionBlocks(input: ReportInput): ReportBlock[] {
	const { board } = input.snapshot;
	return input.workshop.steps.filter(isVisionStep).flatMap((step): ReportBlock[] => {
		const notes = visibleNotes(board.notes, step.id);
		if (notes.length === 0) return [];
		const dots = tallyDots(board.dots, step.id, DOT_LIMIT, mergeRedirect(board.notes));
		const items = notes.map((n) => quote(n, dots.get(n.id) ?? 0)).sort((a, b) => b.votes - a.votes);
		return [
			{ kind: 'items', title: m.report_vision_sentences({}, { locale: input.locale }), items }
		];
	});
}

/**
 * The top themes: the facilitator's clusters of the brainstorm steps (never a round: those are
 * introductions), by dots then cards, each with its counts and its most-dotted notes as quotes.
 */
function themeBlocks(input: ReportInput): ReportBlock[] {
	const { board } = input.snapshot;
	const { locale } = input;
	const steps = input.workshop.steps.filter((s) => s.type === 'brainstorm' && !isVisionStep(s));
	const themes = steps.flatMap((step) => {
		const notes = visibleNotes(board.notes, step.id);
		const dots = tallyDots(board.dots, step.id, DOT_LIMIT, mergeRedirect(board.notes));
		return board.clusters
			.filter((c) => c.step === step.id)
			.map((cluster) => {
				const cards = notes.filter((n) => n.cluster === cluster.id);
				const quotes = cards
					.map((n) => ({ note: n, dots: dots.get(n.id) ?? 0 }))
					.sort((a, b) => b.dots - a.dots || a.note.created - b.note.created);
				return {
					title: truncate(cluster.title, MAX_CLUSTER_TITLE),
					cards: cards.length,
					dots: quotes.reduce((sum, q) => sum + q.dots, 0),
					quotes: quotes.slice(0, QUOTES_PER_THEME).map((q) => quote(q.note, 0))
				};
			})
			.filter((theme) => theme.cards > 0);
	});
	if (themes.length === 0) return [{ kind: 'text', text: m.report_themes_none({}, { locale }) }];
	const top = themes.sort((a, b) => b.dots - a.dots || b.cards - a.cards).slice(0, TOP_THEMES);
	return [
		{ kind: 'text', text: m.report_themes_hint({}, { locale }) },
		...top.map((theme): ReportBlock => ({
			kind: 'items',
			title: `${theme.title} (${m.report_theme_counts({ cards: theme.cards, dots: theme.dots }, { locale })})`,
			items: theme.quotes
		}))
	];
}

const GROUP_LABELS: Record<string, (locale: Locale) => string> = {
	voorwaardenscheppend: (locale) => m.assessment_group_voorwaardenscheppend({}, { locale }),
	beleidsmatig: (locale) => m.assessment_group_beleidsmatig({}, { locale }),
	'minder-mazen': (locale) => m.assessment_group_minder_mazen({}, { locale }),
	'meer-net': (locale) => m.assessment_group_meer_net({}, { locale })
};

/** The blocks whose score is the highest (or lowest), at most three. */
function extremes(spread: BlockSpread[], pick: 'max' | 'min'): BlockSpread[] {
	const scored = spread.filter((s) => s.score !== null);
	if (scored.length === 0) return [];
	const scores = scored.map((s) => s.score!);
	const target = pick === 'max' ? Math.max(...scores) : Math.min(...scores);
	return scored.filter((s) => s.score === target).slice(0, 3);
}

/**
 * Where the municipality stands: per assessment step a score per building block, grouped in the
 * framework's four groups (from the seed), and the strongest and weakest named in words.
 */
function frameworkBlocks(input: ReportInput): ReportBlock[] {
	const { locale } = input;
	const steps = input.workshop.steps.filter((s) => s.type === 'assessment');
	const blocks = steps.flatMap((step): ReportBlock[] => {
		const ratings = input.snapshot.board.ratings.filter((r) => r.step === step.id);
		if (ratings.length === 0) return [];
		const seed = step.options?.seedItems ?? [];
		const rated = [...new Set(ratings.map((r) => r.block))];
		const known = [
			...seed.map((item) => item.id),
			...Object.keys(input.labels ?? {}).filter((id) => rated.includes(id))
		];
		const order = [...new Set([...known, ...rated.sort()])].filter((id) => rated.includes(id));
		const spread = heatMap(ratings, step.id, order, input.snapshot.board.paperCounts);
		const groupOf = (block: string) => seed.find((item) => item.id === block)?.group ?? '';
		const grouped = seed.some((item) => item.group);
		// The framework's order (the seed's), then blocks the seed does not know.
		const groupOrder = [
			...new Set([...seed.map((item) => item.group ?? ''), ...spread.map((s) => groupOf(s.block))])
		];
		if (grouped)
			spread.sort(
				(a, b) => groupOrder.indexOf(groupOf(a.block)) - groupOrder.indexOf(groupOf(b.block))
			);
		const blockLabel = (s: BlockSpread) =>
			seed.find((item) => item.id === s.block)?.title[locale] ?? label(input, s.block);
		const group = (s: BlockSpread) => GROUP_LABELS[groupOf(s.block)]?.(locale) ?? groupOf(s.block);
		// On one line: a text block keeps paragraphs, and a block id comes from the board.
		const names = (list: BlockSpread[]) =>
			list.map((s) => blockLabel(s).replace(/\s+/gu, ' ')).join(', ');
		const strongest = extremes(spread, 'max');
		const weakest = extremes(spread, 'min').filter((s) => !strongest.includes(s));
		// In words first (what the college reads), then the chart with its data.
		// Within a group the strongest first; blocks nobody could judge last.
		const byScore = (a: BlockSpread, b: BlockSpread) => (b.score ?? -1) - (a.score ?? -1);
		const sorted = grouped
			? groupOrder.flatMap((g) => spread.filter((s) => groupOf(s.block) === g).sort(byScore))
			: [...spread].sort(byScore);
		return [
			...(strongest.length
				? [
						{
							kind: 'text' as const,
							text: m.report_strongest({ blocks: names(strongest) }, { locale })
						}
					]
				: []),
			...(weakest.length
				? [
						{
							kind: 'text' as const,
							text: m.report_weakest({ blocks: names(weakest) }, { locale })
						}
					]
				: []),
			{
				kind: 'chart',
				rows: sorted.map((s) => ({
					group: grouped ? group(s) : '',
					label: blockLabel(s),
					counts: s.counts,
					score: s.score
				}))
			}
		];
	});
	if (blocks.length === 0) return [{ kind: 'text', text: m.report_framework_none({}, { locale }) }];
	return [...blocks, { kind: 'text', text: m.report_score_hint({}, { locale }) }];
}

/**
 * The confirmed (and done) actions, highest priority (most dots) first. Where the facilitator
 * placed them in the multi-year plan, one table per policy objective, by action plan and code.
 */
function planBlocks(input: ReportInput): ReportBlock[] {
	const { locale } = input;
	const actions = confirmedActions(input.snapshot, input.workshop);
	if (actions.length === 0) return [{ kind: 'text', text: m.report_plan_none({}, { locale }) }];
	const field = (text: string | undefined) => truncate(text ?? '', MAX_ACTION_FIELD);
	const row = (a: PlanAction) => [
		field(a.title),
		a.block ? label(input, a.block) : '',
		field(a.lead),
		field(a.partners),
		field(a.when),
		field(a.firstStep)
	];
	const columns = [
		m.report_action({}, { locale }),
		m.report_action_block({}, { locale }),
		m.report_action_lead({}, { locale }),
		m.report_action_partners({}, { locale }),
		m.report_action_when({}, { locale }),
		m.report_action_first_step({}, { locale })
	];
	const hint: ReportBlock = { kind: 'text', text: m.report_plan_hint({}, { locale }) };
	if (!isStructured(actions)) return [hint, { kind: 'table', columns, rows: actions.map(row) }];
	// The multi-year plan: per objective a heading, per action plan a table, codes first.
	const groups = new Map<string, Map<string, PlanAction[]>>();
	for (const a of planOrder(actions)) {
		const goal = field(a.goal);
		const plans = groups.get(goal) ?? new Map<string, PlanAction[]>();
		plans.set(field(a.actionPlan), [...(plans.get(field(a.actionPlan)) ?? []), a]);
		groups.set(goal, plans);
	}
	const blocks = [...groups].flatMap(([goal, plans]): ReportBlock[] => [
		{
			kind: 'heading',
			text: goal
				? `${m.report_plan_goal({}, { locale })}: ${goal}`
				: m.report_plan_no_goal({}, { locale })
		},
		...[...plans].map(([plan, list]): ReportBlock => ({
			kind: 'table',
			title: plan ? `${m.report_plan_action_plan({}, { locale })}: ${plan}` : '',
			columns,
			rows: list.map((a) => {
				const [title, ...rest] = row(a);
				return [a.code ? `${field(a.code)} ${title}` : title!, ...rest];
			})
		}))
	]);
	return [hint, { kind: 'text', text: m.report_plan_structure({}, { locale }) }, ...blocks];
}

/** The workshop's sources (from the workshop file), formatted by the builder. */
function sourceBlocks(input: ReportInput, sources: string[]): ReportBlock[] {
	if (sources.length === 0)
		return [{ kind: 'text', text: m.report_no_sources({}, { locale: input.locale }) }];
	return [
		{
			kind: 'items',
			title: '',
			items: sources.map((text) => ({ text, votes: 0, author: '' }))
		}
	];
}
