// The vision report as data: one pure function of the room's snapshot and its workshop.
// Every renderer (Markdown, HTML, DOCX, PDF, CSV) reads this model and nothing else.
import type { Outcome, Rating, Tally } from '../board';
import type { Locale } from '../workshop/types';

export const REPORT_VERSION = 1;

export type ReportItem = {
	text: string;
	votes: number;
	author: string;
	/** Written on paper and typed in by the facilitator; absent for every other. */
	paper?: true;
};

export type HeatRow = {
	block: string;
	label: string;
	counts: Record<Rating, number>;
	score: number | null;
};

/** One building block in the framework chart: its group's label, its label, counts and score. */
export type ChartRow = {
	group: string;
	label: string;
	counts: Record<Rating, number>;
	score: number | null;
};

export type ReportBlock =
	| { kind: 'text'; text: string }
	/** A heading inside a section (a policy objective of the plan). */
	| { kind: 'heading'; text: string }
	| { kind: 'chart'; rows: ChartRow[] }
	| { kind: 'items'; title: string; items: ReportItem[] }
	/** `title`: a heading one level below a 'heading' block (an action plan). */
	| { kind: 'table'; columns: string[]; rows: string[][]; title?: string }
	| { kind: 'heatmap'; rows: HeatRow[]; least: string[] }
	| { kind: 'ballots'; rows: BallotRow[] };

/** `recorded`: the outcome an earlier assembly gave the statement, when it comes from a seed. */
export type BallotRow = { statement: string; tally: Tally; outcome: Outcome; recorded?: Outcome };

/**
 * `part`: 'vision' for the vision document (part 1, the synthesis a college reads), 'annex' for
 * every contribution per step (part 2).
 */
export type ReportSection = {
	id: string;
	title: string;
	synthesis: string;
	blocks: ReportBlock[];
	part: 'vision' | 'annex';
};

export type Report = {
	version: typeof REPORT_VERSION;
	locale: Locale;
	title: string;
	workshopTitle: string;
	date: string;
	/** The date in words in the report's language ("22 november 2026"), '' when unknown. */
	dateText: string;
	/** The variant the room ran (its title), '' for the workshop's default. */
	variant: string;
	/** The planned length in minutes of the workshop as run (its variant). */
	minutes: number;
	participants: number;
	contributions: number;
	sections: ReportSection[];
	sources: string[];
};
