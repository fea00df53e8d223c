// A step kind is one module: what a workshop file may write for it, what the loader checks and
// builds, and what the report shows. Its views (console, participant, projector) are in the same
// folder, in views.ts, so this pure part loads on the server and in scripts without Svelte.
// See docs/ARCHITECTURE.md, "Adding a step type".
import type * as v from 'valibot';
import type { RoomSnapshot } from '../board';
import type { ReportInput } from '../report/blocks';
import type { ReportBlock } from '../report/model';
import type { Locale, Localized, StepOptions, Workshop, WorkshopStep } from '../workshop/types';

/** A step as a workshop file writes it, after the schema (common keys and every kind's options). */
export type RawStep = { id: string; type: string } & Record<string, unknown>;

/** What the workshop loader gives a kind while it loads one step. */
export type LoadContext = {
	/** Stops loading with file:line and the step's label; `path` continues the step's path. */
	fail(path: (string | number)[], problem: string): never;
	/** A text in every language of the workshop (Dutch where one is missing). */
	localize(text: string | Partial<Localized>): Localized;
	/** The ids of the steps before this one. */
	earlier: ReadonlySet<string>;
	/** A vote's statements from a list or a seed, with the seed's sources added to the workshop. */
	statements(raw: unknown, path: (string | number)[]): StepOptions['statements'];
};

/**
 * One CSV row by position: type, step, step_title, column, cluster, text, author, created, then
 * optionally dots, block, rating, lead, partners, when, first_step, status, answer, note (see
 * CSV_COLUMNS in report/csv.ts; a shorter row is padded). Labels, not ids, where a label exists.
 */
export type CsvRow = (string | number)[];
export type CsvContext = {
	/** The workshop's label for an id (a building block, a column, an item), else the id. */
	label(id: string): string;
	locale: Locale;
	/** A step's title in the report's language (its id when the workshop no longer has it). */
	title(stepId: string): string;
	/** An id from the board, cut at the report's limit. */
	id(value: string): string;
	names: boolean;
};

/**
 * What a participant may write in a step of a kind, per part of the board (or of their own
 * draft), and within what: the ids a write may name, or the dots they have. The update guard
 * (board/guard/) and the server's draft coordinator judge every participant's write by it, so a
 * new kind needs no line there. A part a kind leaves out is refused in its steps.
 */
export type ParticipantWrites = {
	/** Their own notes (text, column); the columns a note may name, [] for none. */
	notes?: (step: WorkshopStep) => readonly string[];
	/** Their own actions of the action plan. */
	actions?: true;
	/** Dots on notes or actions: how many each participant has (0: no dot voting). */
	dots?: (step: WorkshopStep) => number;
	/** A rating per building block: the blocks. */
	ratings?: (step: WorkshopStep) => readonly string[];
	/** A proposal for the group's answer to a checklist item: the items. */
	checkProposals?: (step: WorkshopStep) => readonly string[];
	/** A secret ballot per statement, in their own draft: the statements. */
	ballots?: (step: WorkshopStep) => readonly string[];
};

export type StepKind = {
	/** The `type` a workshop file writes. */
	type: string;
	/** "an actions step": how error messages name it. */
	noun: string;
	/**
	 * The keys this kind reads in a workshop file, next to id, type, minutes, title and prompt
	 * (valibot entries). Another kind's key on this kind's step is refused.
	 */
	options: v.ObjectEntries;
	/** What the schema cannot say: "a checklist needs items". Runs before `load`. */
	check?(step: RawStep, context: LoadContext): void;
	/**
	 * The parsed options (one type per kind, see ./options.ts). Without it, the declared keys are
	 * copied as written.
	 */
	load?(step: RawStep, context: LoadContext): StepOptions;
	/**
	 * The step's blocks in the report; `null`: the step has no section (info); left out: the
	 * notes of the step, grouped by cluster or column.
	 */
	report?: ((input: ReportInput, step: WorkshopStep) => ReportBlock[]) | null;
	/** The kind's own rows in the CSV export (after every step's notes). */
	csv?(snapshot: RoomSnapshot, workshop: Workshop, context: CsvContext): CsvRow[];
	/** What participants write in its steps; left out: nothing (an info step). */
	writes?: ParticipantWrites;
};

/** The keys of `options` the step writes, copied as written (the default `load`). */
export function declared(step: RawStep, options: v.ObjectEntries): StepOptions {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(options)) if (step[key] !== undefined) out[key] = step[key];
	return out as StepOptions;
}
