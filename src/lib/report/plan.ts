// The actions as the municipality plans them: confirmed (and done) actions, optionally under a
// policy objective (beleidsdoelstelling) and an action plan (actieplan) with a code, the
// structure of the multi-year plan (meerjarenplan). One table for part 1 of the report, the
// workbook's sheet and its own CSV.
import {
	actionsByPriority,
	MAX_ACTION_FIELD,
	tallyDots,
	type Action,
	type RoomSnapshot
} from '../board';
import { m } from '../paraglide/messages';
import type { Workshop } from '../workshop/types';
import { DOT_LIMIT } from './blocks';
import { csvField, type TableOptions } from './csv';
import { truncate, MAX_REPORT_ID } from './text';

export type PlanAction = Action & { dots: number };

/** The confirmed and done actions of every actions step, highest priority (most dots) first. */
export function confirmedActions(snapshot: RoomSnapshot, workshop: Workshop): PlanAction[] {
	const { board } = snapshot;
	return workshop.steps
		.filter((s) => s.type === 'actions')
		.flatMap((step) => {
			const dots = tallyDots(board.dots, step.id, DOT_LIMIT);
			const confirmed = board.actions.filter(
				(a) => a.step === step.id && !a.hidden && a.status !== 'proposed'
			);
			return actionsByPriority(confirmed, dots).map((a) => ({ ...a, dots: dots.get(a.id) ?? 0 }));
		});
}

/** Whether any action has a place in the multi-year plan (an objective, an action plan, a code). */
export const isStructured = (actions: readonly Action[]) =>
	actions.some((a) => a.goal || a.actionPlan || a.code);

const compare = (a: string, b: string) =>
	// An empty value last; codes like 1.10 after 1.9.
	(a ? 0 : 1) - (b ? 0 : 1) || a.localeCompare(b, 'nl', { numeric: true, sensitivity: 'base' });

/** Objective, then action plan, then code, then priority: the order of a multi-year plan. */
export function planOrder<T extends PlanAction>(actions: readonly T[]): T[] {
	return actions
		.map((a, i) => ({ a, i }))
		.sort(
			(x, y) =>
				compare(x.a.goal ?? '', y.a.goal ?? '') ||
				compare(x.a.actionPlan ?? '', y.a.actionPlan ?? '') ||
				compare(x.a.code ?? '', y.a.code ?? '') ||
				x.i - y.i
		)
		.map(({ a }) => a);
}

/** The plan as one table: code, objective, action plan, action and its fields, dots, status. */
export function planTable(snapshot: RoomSnapshot, workshop: Workshop, options: TableOptions) {
	const l = { locale: options.locale };
	const field = (text: string | undefined) => truncate(text ?? '', MAX_ACTION_FIELD);
	const label = (id: string) => (id ? (options.labels?.[id] ?? truncate(id, MAX_REPORT_ID)) : '');
	const status = {
		proposed: m.report_status_proposed({}, l),
		confirmed: m.report_status_confirmed({}, l),
		done: m.report_status_done({}, l)
	};
	return {
		columns: [
			m.report_plan_code({}, l),
			m.report_plan_goal({}, l),
			m.report_plan_action_plan({}, l),
			m.report_action({}, l),
			m.report_action_block({}, l),
			m.report_action_lead({}, l),
			m.report_action_partners({}, l),
			m.report_action_when({}, l),
			m.report_action_first_step({}, l),
			m.report_csv_dots({}, l),
			m.report_action_status({}, l)
		],
		widths: [10, 28, 28, 40, 24, 20, 24, 16, 36, 8, 12],
		rows: planOrder(confirmedActions(snapshot, workshop)).map((a) => [
			field(a.code),
			field(a.goal),
			field(a.actionPlan),
			field(a.title),
			label(a.block),
			field(a.lead),
			field(a.partners),
			field(a.when),
			field(a.firstStep),
			a.dots,
			status[a.status]
		])
	};
}

/** The plan on its own, as a CSV for Excel in a Flemish locale (BOM, `;`), like the full CSV. */
export function planToCsv(snapshot: RoomSnapshot, workshop: Workshop, options: TableOptions) {
	const t = planTable(snapshot, workshop, options);
	const line = (cells: (string | number)[]) => cells.map(csvField).join(';');
	return '\uFEFF' + [t.columns, ...t.rows].map(line).join('\r\n') + '\r\n';
}
