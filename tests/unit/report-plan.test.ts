// Actions in the municipality's multi-year plan (meerjarenplan): policy objective, action plan and
// code on the board, through the update guard, and in the report's plan.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	actionsFromYdoc,
	controlFromYdoc,
	fromYdoc,
	proposeAction,
	setActionStatus,
	updateAction
} from '../../src/lib/board';
import { applyGuardedUpdate } from '../../src/lib/board/guard';
import { buildReport, reportToMarkdown } from '../../src/lib/report';
import { planOrder, planToCsv, type PlanAction } from '../../src/lib/report/plan';
import { CREATED_AT, FIXTURE_WORKSHOP, fixtureRoom, LABELS } from '../fixtures/report-room';

describe('an action in the multi-year plan', () => {
	it('keeps its objective, action plan and code; an action without them has none', () => {
		const doc = new Y.Doc();
		proposeAction(doc, { id: 'a', step: 's', author: 'p', created: 1, title: 'Buurtfeest' });
		proposeAction(doc, { id: 'b', step: 's', author: 'p', created: 2, title: 'Signaalkaart' });
		updateAction(doc, 'a', { goal: ' Ontmoeting ', actionPlan: 'Buurtfeesten', code: '1.1.1' });
		const [a, b] = actionsFromYdoc(doc);
		expect(a).toMatchObject({ goal: 'Ontmoeting', actionPlan: 'Buurtfeesten', code: '1.1.1' });
		// Older rooms and actions without a place in the plan read exactly as before.
		expect(Object.keys(b!)).not.toContain('goal');
		expect(() => updateAction(doc, 'a', { code: 'x'.repeat(301) })).toThrow(/code holds at most/);
	});

	it('passes the update guard when the facilitator writes it', () => {
		const judge = {
			kind: 'board' as const,
			actor: { role: 'facilitator' as const, id: '', name: '' },
			context: () => ({ steps: FIXTURE_WORKSHOP.steps, control: controlFromYdoc(new Y.Doc()) })
		};
		const server = new Y.Doc();
		const laptop = new Y.Doc();
		Y.applyUpdate(laptop, Y.encodeStateAsUpdate(server));
		proposeAction(laptop, {
			id: 'a',
			step: 'aan-de-slag',
			author: 'f',
			created: 1,
			title: 'Buurtfeest'
		});
		updateAction(laptop, 'a', { goal: 'Ontmoeting', actionPlan: 'Feesten', code: '1.1' });
		const accepted = applyGuardedUpdate(server, Y.encodeStateAsUpdate(laptop), null, judge);
		expect(accepted.refusals).toEqual([]);
		expect(actionsFromYdoc(server)[0]).toMatchObject({ goal: 'Ontmoeting', code: '1.1' });
	});

	it('orders by objective, action plan and code (1.10 after 1.9), those without last', () => {
		const action = (id: string, goal: string, actionPlan: string, code: string) =>
			({ id, goal, actionPlan, code, dots: 0 }) as unknown as PlanAction;
		const order = planOrder([
			action('none', '', '', ''),
			action('b10', 'B', 'x', '1.10'),
			action('b9', 'B', 'x', '1.9'),
			action('a', 'A', '', '3'),
			action('b-plan-less', 'B', '', '1.1')
		]).map((a) => a.id);
		expect(order).toEqual(['a', 'b9', 'b10', 'b-plan-less', 'none']);
	});

	it('keeps the plain table in part 1 when no action has a place in the plan', () => {
		const { snapshot } = fixtureRoom();
		const report = buildReport({
			title: 't',
			createdAt: CREATED_AT,
			workshop: FIXTURE_WORKSHOP,
			snapshot,
			participants: 3,
			locale: 'nl',
			names: false,
			labels: LABELS
		});
		const plan = report.sections.find((s) => s.id === 'plan')!;
		expect(plan.blocks.map((b) => b.kind)).toEqual(['text', 'table']);
		expect(reportToMarkdown(report)).not.toContain('Beleidsdoelstelling');
	});

	it('exports the plan on its own: only confirmed and done actions, with the code first', () => {
		const { control, board } = fixtureRoom();
		updateAction(board, 'x2', { goal: 'Vroeg opmerken', code: '2.1' });
		setActionStatus(board, 'x1', 'proposed');
		const snapshot = fromYdoc(control, board);
		const csv = planToCsv(snapshot, FIXTURE_WORKSHOP, {
			names: false,
			locale: 'nl',
			labels: LABELS
		});
		const lines = csv.slice(1).trim().split('\r\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toMatch(
			/^"2\.1";"Vroeg opmerken";"";"Signaalkaart voor huisartsen";"Detectie"/
		);
	});
});
