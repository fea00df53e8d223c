import type { ControlSnapshot } from './control';

export type AgendaRow = {
	index: number;
	plannedMs: number;
	actualMs: number;
	state: 'done' | 'current' | 'upcoming';
};

export type Agenda = {
	rows: AgendaRow[];
	plannedTotalMs: number;
	/** Time since the session began. */
	elapsedMs: number;
	/** Planned time of the steps before the current one plus the current step: where we should be. */
	plannedUntilNowMs: number;
};

/** Planned against actual time per step, from the planned minutes of each step. */
export function agendaOf(
	plannedMinutes: readonly number[],
	control: ControlSnapshot,
	now: number
): Agenda {
	const rows = plannedMinutes.map((minutes, index): AgendaRow => {
		const visiting = index === control.stepIndex && control.enteredAt !== null;
		const current = visiting ? Math.max(0, now - control.enteredAt!) : 0;
		const actualMs = (control.spentMs[index] ?? 0) + current;
		const state =
			index === control.stepIndex ? 'current' : index < control.stepIndex ? 'done' : 'upcoming';
		return { index, plannedMs: minutes * 60_000, actualMs, state };
	});
	const plannedTotalMs = rows.reduce((sum, row) => sum + row.plannedMs, 0);
	const plannedUntilNowMs = rows
		.slice(0, control.stepIndex + 1)
		.reduce((sum, row) => sum + row.plannedMs, 0);
	const elapsedMs = control.startedAt === null ? 0 : Math.max(0, now - control.startedAt);
	return { rows, plannedTotalMs, elapsedMs, plannedUntilNowMs };
}
