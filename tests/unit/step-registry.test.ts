// A step kind is one module found through the registry: a demo kind from a test fixture is added
// through the registry alone and walks through the loader, the console, participant and
// projector views, the report and the CSV export; removed again, the loader refuses its type.
import { render } from 'svelte/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	controlFromYdoc,
	dotsRoot,
	fromYdoc,
	goToStep,
	notesRoot,
	placeDot
} from '../../src/lib/board';
import { applyGuardedUpdate } from '../../src/lib/board/guard';
import type { RoomConnection } from '../../src/lib/client/room.svelte';
import ConsoleStep from '../../src/lib/components/steps/ConsoleStep.svelte';
import ParticipantStep from '../../src/lib/components/steps/ParticipantStep.svelte';
import ProjectorStep from '../../src/lib/components/steps/ProjectorStep.svelte';
import { buildReport, reportToCsv, reportToMarkdown } from '../../src/lib/report';
import { registerStepKind, stepKind, stepKinds } from '../../src/lib/steps/registry';
import { registerStepViews, stepViews } from '../../src/lib/steps/views';
import { parseWorkshop } from '../../src/lib/workshop/parse';
import { STEP_TYPES, type Workshop } from '../../src/lib/workshop/types';
import { demo } from '../fixtures/steps/demo';
import demoViews from '../fixtures/steps/demo/views';

const file = (step: string) => `---
id: demo-workshop
title: Demo
description: Een demo.
locales: [nl]
steps:
  - id: start
    type: info
    minutes: 5
    title: Welkom
  - id: demo-check
    minutes: 10
    title: Inchecken
${step}
---

# demo-check

## projector

### nl

Eén woord, graag.
`;

const DEMO_STEP = `    type: demo
    question: { nl: Hoe kom je binnen?, en: How do you arrive? }`;

describe('a step kind from the registry alone', () => {
	let removeKind: () => void;
	let removeViews: () => void;
	let workshop: Workshop;
	beforeAll(() => {
		removeKind = registerStepKind(demo);
		removeViews = registerStepViews('demo', demoViews);
		workshop = parseWorkshop('demo.md', file(DEMO_STEP));
	});
	afterAll(() => {
		removeViews();
		removeKind();
	});

	it('registers every built-in type, each with its views', () => {
		expect(STEP_TYPES.filter((type) => !stepKind(type))).toEqual([]);
		for (const type of STEP_TYPES.filter((t) => t !== 'info'))
			expect(Object.keys(stepViews(type) ?? {})).toEqual(['console', 'participant', 'projector']);
		expect(() => registerStepKind(demo)).toThrow('already registered');
	});

	it('loads its options from a workshop file and checks them', () => {
		expect(workshop.steps[1]).toMatchObject({
			type: 'demo',
			// The workshop is complete in Dutch only: other languages show the Dutch.
			options: { question: { nl: 'Hoe kom je binnen?', en: 'Hoe kom je binnen?' } }
		});
		expect(() => parseWorkshop('demo.md', file('    type: demo'))).toThrow(
			'demo.md:11: step "demo-check": a demo step needs "question"'
		);
		expect(() =>
			parseWorkshop('demo.md', file(`    type: brainstorm\n    question: Waarom?`))
		).toThrow('step "demo-check": "question" belongs to a demo step');
	});

	it('shows its console, participant and projector views', () => {
		const { control, board } = docs();
		const snapshot = fromYdoc(control, board);
		const room = { board: { current: snapshot.board } } as unknown as RoomConnection;
		const step = workshop.steps[1]!;
		const props = {
			room,
			workshop,
			step,
			control: snapshot.control,
			locale: 'nl' as const,
			locked: false
		};
		expect(render(ConsoleStep, { props }).body).toContain('2 words');
		const participant = render(ParticipantStep, { props: { ...props, name: 'An' } }).body;
		expect(participant).toContain('data-testid="demo-participant"');
		expect(participant).toContain('Hoe kom je binnen? (An)');
		const projector = render(ProjectorStep, { props }).body;
		// The projector page's frame shows the step's projector text above the kind's view.
		expect(projector).toContain('Eén woord, graag.');
		expect(projector).toMatch(
			/data-testid="demo-projector".*<li>nieuwsgierig<\/li>.*<li>moe<\/li>/s
		);
	});

	it('builds its report section and CSV rows', () => {
		const { control, board } = docs();
		const snapshot = fromYdoc(control, board);
		const input = {
			title: 'Demo',
			createdAt: 0,
			workshop,
			snapshot,
			participants: 2,
			locale: 'nl' as const,
			names: false
		};
		const report = buildReport(input);
		// The info step has no section; the demo step has its own blocks.
		const annex = report.sections.filter((s) => s.part === 'annex');
		expect(annex.map((s) => s.id)).toEqual(['intro', 'demo-check']);
		expect(annex[1]!.blocks).toEqual([
			{
				kind: 'table',
				columns: ['word', 'count'],
				rows: [
					['nieuwsgierig', '1'],
					['moe', '1']
				]
			}
		]);
		expect(reportToMarkdown(report)).toContain('| nieuwsgierig | 1 |');
		expect(reportToCsv(snapshot, workshop, { names: false, locale: 'nl' })).toContain(
			'"demo-word";"Inchecken";"";"";"moe"'
		);
	});

	it('lets participants write what the kind declares, and nothing else (the update guard)', () => {
		const control = new Y.Doc();
		goToStep(control, 1, 2, 0);
		const judge = {
			kind: 'board' as const,
			actor: { role: 'participant' as const, id: 'p1', name: '' },
			context: () => ({ steps: workshop.steps, control: controlFromYdoc(control) })
		};
		const server = new Y.Doc();
		const phone = new Y.Doc();
		addNote(phone, {
			id: 'n1',
			text: 'blij',
			step: 'demo-check',
			author: 'p1',
			authorName: '',
			created: 1
		});
		const note = applyGuardedUpdate(server, Y.encodeStateAsUpdate(phone), null, judge);
		expect(note.refusals).toEqual([]);
		expect(notesRoot(server).size).toBe(1);
		// A column the kind does not name, and dots, which it does not take, are put back.
		addNote(phone, {
			id: 'n2',
			text: 'moe',
			step: 'demo-check',
			column: 'x',
			author: 'p1',
			authorName: '',
			created: 2
		});
		placeDot(phone, { step: 'demo-check', participant: 'p1', target: 'n1', delta: 1, limit: 3 });
		const refused = applyGuardedUpdate(server, Y.encodeStateAsUpdate(phone), null, judge);
		expect(refused.refusals.map((r) => r.reason).sort()).toEqual([
			'a demo step takes no such input',
			'unknown column'
		]);
		expect(notesRoot(server).size).toBe(1);
		expect(dotsRoot(server).size).toBe(0);
	});

	it('is gone once removed: the loader names the types it knows', () => {
		removeViews();
		removeKind();
		expect(stepKinds().map((kind) => kind.type)).not.toContain('demo');
		expect(() => parseWorkshop('demo.md', file(DEMO_STEP))).toThrow('unknown type "demo"');
		removeKind = registerStepKind(demo);
		removeViews = registerStepViews('demo', demoViews);
	});
});

function docs() {
	const control = new Y.Doc();
	const board = new Y.Doc();
	for (const [id, text] of [
		['n1', 'nieuwsgierig'],
		['n2', 'moe']
	] as const)
		addNote(board, { id, text, step: 'demo-check', author: 'p1', authorName: '', created: 1 });
	return { control, board };
}
