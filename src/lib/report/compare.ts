// The comparison of a workspace's sessions: one document in the report model, so that every
// renderer (Markdown, HTML, Word, PDF) prints it. It compares the building-block scores
// side by side, how they changed for sessions of the same place, the themes that recur, and all
// confirmed actions merged per building block; then each session's vision and its own small
// chart (a small multiple). Built from each session's anonymous report model and snapshot: no names.
import { visibleNotes, type RoomSnapshot } from '../board';
import { m } from '../paraglide/messages';
import type { Locale, Workshop } from '../workshop/types';
import {
	REPORT_VERSION,
	type ChartRow,
	type Report,
	type ReportBlock,
	type ReportSection
} from './model';
import { truncate } from './text';
import { sameTheme } from './theme-match';

export type CompareSession = {
	id: string;
	title: string;
	createdAt: number;
	/** The session's own report model (anonymous). */
	report: Report;
	snapshot: RoomSnapshot;
	workshop: Workshop;
	/** Labels of ids (building blocks) in the report's language. */
	labels: Record<string, string>;
};

/** Titles and themes are compared as people would: case, accents and punctuation aside. */
export function sameKey(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

const percent = (score: number | null, locale: Locale) =>
	score === null ? '–' : new Intl.NumberFormat(locale, { style: 'percent' }).format(score);

const points = (change: number, locale: Locale) => {
	const value = Math.round(change * 100);
	const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
	return m.compare_points({ value: `${sign}${Math.abs(value)}` }, { locale });
};

/** "Buurt Kwatrecht (3 november 2026)": how a session is named in headings and columns. */
const sessionName = (s: CompareSession) =>
	s.report.dateText ? `${s.title} (${s.report.dateText})` : s.title;

/** The chart rows of a session's framework section (its first assessment). */
function chartOf(session: CompareSession): ChartRow[] {
	const framework = session.report.sections.find((s) => s.id === 'framework');
	const chart = framework?.blocks.find((b) => b.kind === 'chart');
	return chart?.kind === 'chart' ? chart.rows : [];
}

function ratingBlocks(sessions: CompareSession[], locale: Locale): ReportBlock[] {
	const charts = sessions.map(chartOf);
	const labels = [...new Set(charts.flatMap((rows) => rows.map((r) => r.label)))];
	if (labels.length === 0) return [{ kind: 'text', text: m.report_framework_none({}, { locale }) }];
	const score = (rows: ChartRow[], label: string) =>
		rows.find((r) => r.label === label)?.score ?? null;
	return [
		{ kind: 'text', text: m.compare_ratings_hint({}, { locale }) },
		{
			kind: 'table',
			columns: [m.compare_block({}, { locale }), ...sessions.map(sessionName)],
			rows: labels.map((label) => [
				label,
				...charts.map((rows) => percent(score(rows, label), locale))
			])
		},
		{ kind: 'text', text: m.report_score_hint({}, { locale }) }
	];
}

/** Sessions of the same place (the same title) over time: the first against the latest. */
function changeBlocks(sessions: CompareSession[], locale: Locale): ReportBlock[] {
	const places = new Map<string, CompareSession[]>();
	for (const s of sessions)
		places.set(sameKey(s.title), [...(places.get(sameKey(s.title)) ?? []), s]);
	const blocks: ReportBlock[] = [];
	for (const group of places.values()) {
		if (group.length < 2) continue;
		const first = group[0]!;
		const last = group[group.length - 1]!;
		const before = chartOf(first);
		const after = chartOf(last);
		const rows = after.flatMap((row) => {
			const earlier = before.find((r) => r.label === row.label)?.score ?? null;
			if (earlier === null || row.score === null) return [];
			return [
				[
					row.label,
					percent(earlier, locale),
					percent(row.score, locale),
					points(row.score - earlier, locale)
				]
			];
		});
		if (rows.length === 0) continue;
		blocks.push({
			kind: 'table',
			title: m.compare_change_title(
				{ title: last.title, from: first.report.dateText, to: last.report.dateText },
				{ locale }
			),
			columns: [
				m.compare_block({}, { locale }),
				first.report.dateText || m.compare_first({}, { locale }),
				last.report.dateText || m.compare_last({}, { locale }),
				m.compare_difference({}, { locale })
			],
			rows
		});
	}
	return blocks;
}

/** The facilitator's themes (clusters of the brainstorms) that come back in two or more sessions. */
function themeBlocks(sessions: CompareSession[], locale: Locale): ReportBlock[] {
	const themes = new Map<string, { title: string; sessions: Set<string>; cards: number }>();
	for (const s of sessions) {
		const steps = new Set(
			s.workshop.steps.filter((step) => step.type === 'brainstorm').map((step) => step.id)
		);
		const notes = visibleNotes(s.snapshot.board.notes).filter((n) => steps.has(n.step));
		for (const cluster of s.snapshot.board.clusters) {
			if (!steps.has(cluster.step) || /^(visie|vision)\b/.test(cluster.step)) continue;
			const cards = notes.filter((n) => n.cluster === cluster.id).length;
			if (cards === 0) continue;
			const title = sameKey(cluster.title);
			if (!title) continue;
			// Near-identical titles are one theme, under the title it was first seen with.
			const key = [...themes.keys()].find((known) => sameTheme(known, title)) ?? title;
			const theme = themes.get(key) ?? {
				title: truncate(cluster.title, 120),
				sessions: new Set(),
				cards: 0
			};
			theme.sessions.add(s.id);
			theme.cards += cards;
			themes.set(key, theme);
		}
	}

	const recurring = [...themes.values()]
		.filter((t) => t.sessions.size >= 2)
		.sort(
			(a, b) =>
				b.sessions.size - a.sessions.size || b.cards - a.cards || a.title.localeCompare(b.title)
		);
	if (recurring.length === 0)
		return [{ kind: 'text', text: m.compare_themes_none({}, { locale }) }];
	return [
		{ kind: 'text', text: m.compare_themes_hint({}, { locale }) },
		{
			kind: 'table',
			columns: [
				m.compare_theme({}, { locale }),
				m.compare_sessions({}, { locale }),
				m.compare_cards({}, { locale })
			],
			rows: recurring.map((t) => [
				t.title,
				sessions
					.filter((s) => t.sessions.has(s.id))
					.map(sessionName)
					.join(', '),
				String(t.cards)
			])
		}
	];
}

/** Every confirmed (or done) action, merged per building block: the same action once. */
function actionBlocks(sessions: CompareSession[], locale: Locale): ReportBlock[] {
	const byBlock = new Map<string, Map<string, { title: string; sessions: string[] }>>();
	for (const s of sessions) {
		for (const a of s.snapshot.board.actions) {
			if (a.hidden || (a.status !== 'confirmed' && a.status !== 'done') || !a.title.trim())
				continue;
			const block = a.block ? (s.labels[a.block] ?? truncate(a.block, 120)) : '';
			const actions = byBlock.get(block) ?? new Map();
			const key = sameKey(a.title);
			const merged = actions.get(key) ?? { title: truncate(a.title, 300), sessions: [] };
			if (!merged.sessions.includes(s.title)) merged.sessions.push(s.title);
			actions.set(key, merged);
			byBlock.set(block, actions);
		}
	}
	if (byBlock.size === 0) return [{ kind: 'text', text: m.report_plan_none({}, { locale }) }];
	const blocks = [...byBlock.keys()].sort((a, b) =>
		a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)
	);
	return [
		{ kind: 'text', text: m.compare_actions_hint({}, { locale }) },
		...blocks.map((block): ReportBlock => ({
			kind: 'table',
			title: block || m.compare_no_block({}, { locale }),
			columns: [m.report_action({}, { locale }), m.compare_sessions({}, { locale })],
			rows: [...byBlock.get(block)!.values()].map((a) => [a.title, a.sessions.join(', ')])
		}))
	];
}

/** Per session its vision (the facilitator's words and the sentences) and its chart. */
function sessionSection(s: CompareSession, locale: Locale): ReportSection {
	const vision = s.report.sections.find((x) => x.id === 'vision');
	const chart = chartOf(s);
	return {
		id: `session-${s.id}`,
		title: sessionName(s),
		synthesis: vision?.synthesis ?? '',
		blocks: [
			...(vision?.blocks ?? []),
			...(chart.length
				? [
						{ kind: 'heading', text: m.report_framework({}, { locale }) } as const,
						{ kind: 'chart', rows: chart } as const
					]
				: [])
		],
		part: 'vision'
	};
}

export function buildComparison(input: {
	title: string;
	sessions: CompareSession[];
	locale: Locale;
}): Report {
	const { locale } = input;
	const sessions = [...input.sessions].sort(
		(a, b) => a.createdAt - b.createdAt || a.title.localeCompare(b.title)
	);
	const section = (id: string, title: string, blocks: ReportBlock[]): ReportSection => ({
		id,
		title,
		synthesis: '',
		blocks,
		part: 'vision'
	});
	const change = changeBlocks(sessions, locale);
	const workshops = [...new Set(sessions.map((s) => s.report.workshopTitle))];
	const first = sessions[0]?.report;
	const last = sessions[sessions.length - 1]?.report;
	return {
		version: REPORT_VERSION,
		locale,
		title: input.title,
		workshopTitle: m.compare_subtitle(
			{ count: sessions.length, workshops: workshops.join(', ') },
			{ locale }
		),
		date: last?.date ?? '',
		dateText:
			first && last && first.dateText !== last.dateText
				? `${first.dateText} – ${last.dateText}`
				: (last?.dateText ?? ''),
		variant: '',
		minutes: 0,
		participants: sessions.reduce((sum, s) => sum + s.report.participants, 0),
		contributions: sessions.reduce((sum, s) => sum + s.report.contributions, 0),
		sections: [
			section('sessions', m.compare_sessions_title({}, { locale }), [
				{
					kind: 'table',
					columns: [
						m.compare_session({}, { locale }),
						m.report_date({}, { locale }),
						m.report_participants({}, { locale })
					],
					rows: sessions.map((s) => [s.title, s.report.dateText, String(s.report.participants)])
				}
			]),
			section('ratings', m.compare_ratings({}, { locale }), ratingBlocks(sessions, locale)),
			...(change.length ? [section('change', m.compare_change({}, { locale }), change)] : []),
			section('themes', m.compare_themes({}, { locale }), themeBlocks(sessions, locale)),
			section('plan', m.compare_actions({}, { locale }), actionBlocks(sessions, locale)),
			section('visions', m.compare_visions({}, { locale }), [
				{ kind: 'text', text: m.compare_visions_hint({}, { locale }) }
			]),
			...sessions.map((s) => sessionSection(s, locale))
		],
		sources: []
	};
}
