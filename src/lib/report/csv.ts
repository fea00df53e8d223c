import { visibleNotes, type RoomSnapshot } from '../board';
import type { Workshop } from '../workshop/types';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: quoted, and never read as a formula by a spreadsheet. */
export function csvField(value: string | number): string {
	let text = String(value);
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
	options: { names: boolean; locale: 'nl' | 'en' }
): string {
	const title = (stepId: string) =>
		workshop.steps.find((s) => s.id === stepId)?.title[options.locale] ?? stepId;
	const clusterTitle = (id: string) =>
		snapshot.board.clusters.find((c) => c.id === id)?.title ?? '';
	const iso = (time: number) => new Date(time).toISOString();
	const rows: (string | number)[][] = visibleNotes(snapshot.board.notes).map((n) => [
		'note',
		n.step,
		title(n.step),
		n.column,
		clusterTitle(n.cluster),
		n.text,
		options.names ? n.authorName : '',
		iso(n.created)
	]);
	for (const a of snapshot.board.actions.filter((a) => !a.hidden)) {
		const text = [a.title, a.lead, a.partners, a.when, a.firstStep].filter(Boolean).join(' | ');
		rows.push(['action', a.step, title(a.step), a.block, '', text, '', iso(a.created)]);
	}
	return (
		[CSV_COLUMNS.map(csvField), ...rows.map((r) => r.map(csvField))]
			.map((r) => r.join(','))
			.join('\r\n') + '\r\n'
	);
}
