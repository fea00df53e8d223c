// Brainstorm boards: notes in prompt columns and the facilitator's clusters, dot results, and
// which reveal flag stands for what in a silent step.
import type { Cluster } from './clusters';
import { countedDots, type Dot } from './dots';
import type { Note } from './notes';

export type ClusterGroup = { cluster: Cluster | null; notes: Note[] };
export type ColumnGroups = { column: string; groups: ClusterGroup[] };

/**
 * Notes grouped per cluster (in the order the clusters were made, ungrouped notes last).
 * Clusters without notes are left out unless `keepEmpty`.
 */
export function groupByCluster(
	notes: readonly Note[],
	clusters: readonly Cluster[],
	keepEmpty = false
): ClusterGroup[] {
	const known = new Set(clusters.map((c) => c.id));
	const groups: ClusterGroup[] = clusters.map((cluster) => ({
		cluster,
		notes: notes.filter((n) => n.cluster === cluster.id)
	}));
	const loose = notes.filter((n) => !n.cluster || !known.has(n.cluster));
	return [...groups, { cluster: null, notes: loose }].filter(
		(group) => group.notes.length > 0 || (keepEmpty && group.cluster !== null)
	);
}

/**
 * Notes per prompt column, each column grouped by cluster. With no columns there is one
 * column with id ''; a note whose column is unknown goes to the first column.
 */
export function groupByColumn(
	notes: readonly Note[],
	clusters: readonly Cluster[],
	columns: readonly string[]
): ColumnGroups[] {
	const ids = columns.length ? columns : [''];
	return ids.map((column, index) => ({
		column,
		groups: groupByCluster(
			notes.filter((n) => n.column === column || (index === 0 && !ids.includes(n.column))),
			clusters
		)
	}));
}

/** Most dots first; equal counts keep their order. */
export function sortByDots<T extends { id: string }>(
	items: readonly T[],
	tally: ReadonlyMap<string, number>
): T[] {
	return items
		.map((item, index) => ({ item, index, dots: tally.get(item.id) ?? 0 }))
		.sort((a, b) => b.dots - a.dots || a.index - b.index)
		.map((entry) => entry.item);
}

/**
 * The `count` items with the most dots over the whole board (every column), most first; items
 * without dots never rank. Ties keep the board's order.
 */
export function topByDots<T extends { id: string }>(
	items: readonly T[],
	tally: ReadonlyMap<string, number>,
	count: number
): { item: T; dots: number }[] {
	return sortByDots(items, tally)
		.map((item) => ({ item, dots: tally.get(item.id) ?? 0 }))
		.filter((entry) => entry.dots > 0)
		.slice(0, count);
}

/** The notes merged into each note, by the id of the note they were merged into. */
export function duplicatesByNote(notes: readonly Note[]): Map<string, Note[]> {
	const byNote = new Map<string, Note[]>();
	for (const note of notes) {
		if (!note.mergedInto) continue;
		byNote.set(note.mergedInto, [...(byNote.get(note.mergedInto) ?? []), note]);
	}
	return byNote;
}

/** One participant's counted dots per target, with merged duplicates counting for their original. */
export function ownDots(
	dots: readonly Dot[],
	step: string,
	participant: string,
	limit: number,
	redirect: (target: string) => string = (target) => target
): Map<string, number> {
	const mine = new Map<string, number>();
	for (const dot of countedDots(dots, step, limit)) {
		if (dot.participant !== participant) continue;
		const target = redirect(dot.target);
		mine.set(target, (mine.get(target) ?? 0) + dot.count);
	}
	return mine;
}

/**
 * Where a participant's dot on `target` is stored: the target itself, or a duplicate that was
 * merged into it after the dot was placed. Null when they have no dot there.
 */
export function dotToTakeBack(
	dots: readonly Dot[],
	step: string,
	participant: string,
	target: string,
	redirect: (target: string) => string = (t) => t
): string | null {
	const own = dots.filter((d) => d.step === step && d.participant === participant && d.count > 0);
	if (own.some((d) => d.target === target)) return target;
	return own.find((d) => redirect(d.target) === target)?.target ?? null;
}

/**
 * The revealed-steps key that shows a step's dot results. A silent step uses its own id for
 * showing the notes, so its dot results get a key of their own.
 */
export function dotResultsKey(stepId: string, silent: boolean): string {
	return silent ? `${stepId}|dots` : stepId;
}

/** Whether a step's notes are still private to their authors (silent mode, before the reveal). */
export function notesPrivate(
	stepId: string,
	silent: boolean,
	revealedSteps: readonly string[]
): boolean {
	return silent && !revealedSteps.includes(stepId);
}
