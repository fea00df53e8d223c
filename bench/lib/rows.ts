// One line of the benchmark table: a figure, its unit, and the target it is held to (if any).
export type Row = {
	scenario: string;
	what: string;
	value: number;
	unit: string;
	/** Upper bound the figure must stay at or below; null when it is for information. */
	target: number | null;
	/** The figure of each run, when it is a median over runs. */
	runs?: number[];
};
