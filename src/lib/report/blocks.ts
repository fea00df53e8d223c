// What every step kind's report section is made of: the report input, labels, and the notes that
// any step can hold (grouped by cluster or column). A kind's own blocks live in its folder
// (src/lib/steps/<kind>/report.ts); the builder looks the kind up in the registry.
import {
	MAX_CLUSTER_TITLE,
	MAX_NAME_LENGTH,
	MAX_NOTE_LENGTH,
	mergeRedirect,
	tallyDots,
	visibleNotes,
	type Note,
	type RoomSnapshot
} from '../board';
import { m } from '../paraglide/messages';
import type { Locale, Workshop, WorkshopStep } from '../workshop/types';
import type { ReportBlock, ReportItem } from './model';
import { MAX_REPORT_ID, truncate } from './text';

export type ReportInput = {
	title: string;
	createdAt: number;
	workshop: Workshop;
	snapshot: RoomSnapshot;
	participants: number;
	/** The id of the variant the room ran ('' or absent: the workshop's default). */
	variant?: string;
	locale: Locale;
	/** Show the names participants typed; off keeps the report anonymous. */
	names: boolean;
	/** Labels for ids (building blocks, checklist items, statements, columns), if known. */
	labels?: Record<string, string>;
};

/** Dots per step, with the workshop's vote limit (or a generous default). */
export const DOT_LIMIT = 1000;

/** The workshop's label for an id from the board, else the id itself (cut: the board holds it). */
export const label = (input: ReportInput, id: string) =>
	input.labels?.[id] ?? truncate(id, MAX_REPORT_ID);

/** Notes of a step, grouped by cluster or column, most-voted first. */
export function noteBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const { board } = input.snapshot;
	const notes = visibleNotes(board.notes, step.id);
	if (notes.length === 0) return [];
	if (step.options?.words) return wordCounts(input, notes);
	const votes = tallyDots(board.dots, step.id, DOT_LIMIT, mergeRedirect(board.notes));
	const item = (note: Note): ReportItem => ({
		text: truncate(note.text, MAX_NOTE_LENGTH),
		votes: votes.get(note.id) ?? 0,
		author: input.names ? truncate(note.authorName, MAX_NAME_LENGTH) : '',
		...(note.paper ? { paper: true as const } : {})
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

/**
 * A word step (a word cloud) as counts: each word once, with how often it was given, most
 * given first; the same word in other capitals or with spaces around it counts as one.
 */
function wordCounts(input: ReportInput, notes: Note[]): ReportBlock[] {
	const counts = new Map<string, { word: string; count: number }>();
	for (const note of notes) {
		const word = truncate(note.text, MAX_NOTE_LENGTH).trim().replace(/\s+/gu, ' ');
		const key = word.toLocaleLowerCase(input.locale);
		const entry = counts.get(key) ?? { word, count: 0 };
		entry.count += 1;
		counts.set(key, entry);
	}
	const { locale } = input;
	return [
		{
			kind: 'table',
			columns: [m.report_word({}, { locale }), m.report_word_count({}, { locale })],
			rows: [...counts.values()]
				.sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, locale))
				.map((e) => [e.word, String(e.count)])
		}
	];
}
