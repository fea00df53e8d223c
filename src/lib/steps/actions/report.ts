import {
	ACTION_PLAN_FIELDS,
	actionsByPriority,
	MAX_ACTION_FIELD,
	tallyDots,
	type Action,
	type RoomSnapshot
} from '../../board';
import { m } from '../../paraglide/messages';
import { DOT_LIMIT, label, type ReportInput } from '../../report/blocks';
import type { ReportBlock } from '../../report/model';
import { isoTime, truncate } from '../../report/text';
import type { WorkshopStep } from '../../workshop/types';
import { csvRow } from '../csv-row';
import type { CsvContext, CsvRow } from '../kind';

const hasPlanPlace = (action: Action) => ACTION_PLAN_FIELDS.some((f) => action[f]);

/**
 * An action's place in the multi-year plan in one cell, from the top: objective › action plan ›
 * code. One column, not three: with three the annex's table no longer fits a portrait page
 * (Word then breaks words in the middle). The CSV and the workbook keep a column each.
 */
function planPlace(action: Action, field: (text: string) => string): string {
	return [action.goal, action.actionPlan, action.code]
		.filter((part): part is string => !!part)
		.map(field)
		.join(' › ');
}

/** The step's actions, highest priority (most dots) first, as a table. */
export function actionBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const { board } = input.snapshot;
	const { locale } = input;
	const actions = board.actions.filter((a) => a.step === step.id && !a.hidden);
	if (actions.length === 0) return [];
	const dots = tallyDots(board.dots, step.id, DOT_LIMIT);
	const field = (text: string) => truncate(text, MAX_ACTION_FIELD);
	// The multi-year plan's column only where an action has a place in it: else an empty one.
	const planned = actions.some(hasPlanPlace);
	const status = {
		proposed: m.report_status_proposed({}, { locale }),
		confirmed: m.report_status_confirmed({}, { locale }),
		done: m.report_status_done({}, { locale })
	};
	return [
		{
			kind: 'table',
			columns: [
				m.report_action({}, { locale }),
				m.report_action_block({}, { locale }),
				m.report_action_lead({}, { locale }),
				m.report_action_partners({}, { locale }),
				m.report_action_when({}, { locale }),
				m.report_action_first_step({}, { locale }),
				...(planned ? [m.report_plan_place({}, { locale })] : []),
				// The priority is the group's dots: the column says so.
				m.report_csv_dots({}, { locale }),
				m.report_action_status({}, { locale })
			],
			rows: actionsByPriority(actions, dots).map((a) => [
				field(a.title),
				a.block ? label(input, a.block) : '',
				field(a.lead),
				field(a.partners),
				field(a.when),
				field(a.firstStep),
				...(planned ? [planPlace(a, field)] : []),
				String(dots.get(a.id) ?? 0),
				status[a.status]
			])
		}
	];
}

/** Every visible action in the CSV export, each field in its own column, with its dots. */
export function actionRows(
	snapshot: RoomSnapshot,
	_workshop: unknown,
	context: CsvContext
): CsvRow[] {
	const { locale } = context;
	const field = (text: string) => truncate(text, MAX_ACTION_FIELD);
	const status = {
		proposed: m.report_status_proposed({}, { locale }),
		confirmed: m.report_status_confirmed({}, { locale }),
		done: m.report_status_done({}, { locale })
	};
	const kind = m.report_csv_kind_action({}, { locale });
	return snapshot.board.actions
		.filter((a) => !a.hidden)
		.map((a) =>
			csvRow({
				type: kind,
				step: context.id(a.step),
				step_title: context.title(a.step),
				text: field(a.title),
				created: isoTime(a.created),
				dots: tallyDots(snapshot.board.dots, a.step, DOT_LIMIT).get(a.id) ?? 0,
				block: context.label(a.block),
				lead: field(a.lead),
				partners: field(a.partners),
				when: field(a.when),
				first_step: field(a.firstStep),
				goal: field(a.goal ?? ''),
				action_plan: field(a.actionPlan ?? ''),
				code: field(a.code ?? ''),
				status: status[a.status]
			})
		);
}
