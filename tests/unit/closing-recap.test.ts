// The closing recap reads the report model's vision, themes and plan: the room sees at the end
// what the report will say.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	boardFromYdoc,
	controlFromYdoc,
	createCluster,
	moveToCluster,
	placeDot,
	proposeAction,
	setActionStatus
} from '../../src/lib/board';
import { isClosingStep, recapOf } from '../../src/lib/components/projector/recap';
import { findWorkshop } from '../../src/lib/workshop/catalog';

const workshop = findWorkshop('visievorming-zorgzame-buurten')!;

function room() {
	const board = new Y.Doc();
	const control = new Y.Doc();
	const note = (id: string, step: string, text: string) =>
		addNote(board, { id, step, text, author: 'p1', authorName: '', created: 1 });
	note('v1', 'visie', 'Iedereen weet bij wie hij terecht kan.');
	note('v2', 'visie', 'Jong en oud kennen elkaar.');
	placeDot(board, { step: 'visie', participant: 'p2', target: 'v2', delta: 1, limit: 3 });
	note('d1', 'denkoefening', 'Een buurtfeest');
	createCluster(board, { id: 'c1', step: 'denkoefening', title: 'Ontmoeting', created: 1 });
	moveToCluster(board, 'd1', 'c1');
	for (const [id, title, status] of [
		['a1', 'Een sociale kaart', 'confirmed'],
		['a2', 'Nog maar een voorstel', 'proposed']
	] as const) {
		proposeAction(board, {
			id,
			step: 'aan-de-slag',
			author: 'p1',
			created: 1,
			title,
			lead: 'Welzijn'
		});
		if (status !== 'proposed') setActionStatus(board, id, status);
	}
	return { control: controlFromYdoc(control), board: boardFromYdoc(board) };
}

describe('the closing recap', () => {
	it('ends the main workshop: its last step is the info step "afsluiting"', () => {
		const last = workshop.steps.at(-1)!;
		expect(isClosingStep(workshop, last)).toBe(true);
		expect(
			isClosingStep(
				workshop,
				workshop.steps.find((s) => s.id === 'definitie')!
			)
		).toBe(false);
	});

	it('gives the vision sentences most dots first, the themes and only confirmed actions', () => {
		const recap = recapOf(room(), workshop, 'nl');
		expect(recap.sentences.map((s) => s.text)).toEqual([
			'Jong en oud kennen elkaar.',
			'Iedereen weet bij wie hij terecht kan.'
		]);
		expect(recap.sentences[0]!.dots).toBe(1);
		expect(recap.themes).toHaveLength(1);
		expect(recap.themes[0]).toMatch(/^Ontmoeting/);
		expect(recap.actions).toEqual([{ title: 'Een sociale kaart', lead: 'Welzijn', when: '' }]);
	});

	it('is empty for an empty room', () => {
		const empty = {
			control: controlFromYdoc(new Y.Doc()),
			board: boardFromYdoc(new Y.Doc())
		};
		expect(recapOf(empty, workshop, 'en')).toEqual({
			visionText: '',
			sentences: [],
			themes: [],
			actions: []
		});
	});
});
