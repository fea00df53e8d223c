import {
	MAX_CLUSTER_TITLE,
	MAX_NAME_LENGTH,
	MAX_NOTE_LENGTH,
	visibleNotes,
	type RoomSnapshot
} from '../board';
import { stepKinds } from '../steps/registry';
import type { Locale, Workshop } from '../workshop/types';
import { cleanText, isoTime, MAX_REPORT_ID, truncate } from './text';

/**
 * What a spreadsheet may read as the start of a formula: `= + - @` and their full-width and
 * small forms, also after leading spaces, line breaks or invisible characters (which some
 * spreadsheets trim on import), and a leading tab, carriage return or line feed.
 */
const FORMULA_START =
	/^(?:[\t\r\n]|[\p{White_Space}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212])/u;

/** One CSV field: quoted, and never read as a formula by a spreadsheet. */
export function csvField(value: string | number): string {
	let text = cleanText(String(value));
	if (FORMULA_START.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export const CSV_COLUMNS = [
	'type',
	'step',
	'step_title',
	'column',
	'cluster',
	'text',
	'author',
	'created'
] as const;

/** Every visible contribution, one row each, for synthesis in a spreadsheet. */
export function reportToCsv(
	snapshot: RoomSnapshot,
	workshop: Workshop,
	options: { names: boolean; locale: Locale }
): string {
	// Texts at the board's limits: a room stored before the server enforced them may hold more.
	const id = (value: string) => truncate(value, MAX_REPORT_ID);
	const title = (stepId: string) =>
		workshop.steps.find((s) => s.id === stepId)?.title[options.locale] ?? id(stepId);
	const clusterTitle = (cluster: string) =>
		truncate(snapshot.board.clusters.find((c) => c.id === cluster)?.title ?? '', MAX_CLUSTER_TITLE);
	// A round's notes are introductions: left out unless the facilitator allows names.
	const personal = new Set(workshop.steps.filter((s) => s.type === 'round').map((s) => s.id));
	const notes = visibleNotes(snapshot.board.notes).filter(
		(n) => options.names || !personal.has(n.step)
	);
	const rows: (string | number)[][] = notes.map((n) => [
		'note',
		id(n.step),
		title(n.step),
		id(n.column),
		clusterTitle(n.cluster),
		truncate(n.text, MAX_NOTE_LENGTH),
		options.names ? truncate(n.authorName, MAX_NAME_LENGTH) : '',
		isoTime(n.created)
	]);
	// Notes are on every kind's board; a kind adds its own contributions (actions).
	for (const kind of stepKinds())
		rows.push(...(kind.csv?.(snapshot, workshop, { id, title, names: options.names }) ?? []));
	return (
		[CSV_COLUMNS.map(csvField), ...rows.map((r) => r.map(csvField))]
			.map((r) => r.join(','))
			.join('\r\n') + '\r\n'
	);
}
