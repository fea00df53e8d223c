import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	actionsFromYdoc,
	BUILDING_BLOCKS,
	blockChoices,
	canEditAction,
	dotsFromYdoc,
	dotsOf,
	placeDot,
	planOrder,
	proposeAction,
	setActionHidden,
	setActionStatus,
	stepActions,
	tallyDots,
	type Action
} from '../../src/lib/board';
import { loadBlockSeeds } from '../../src/lib/workshop/files';

function board(): Y.Doc {
	const doc = new Y.Doc();
	proposeAction(doc, { id: 'a', step: 's', author: 'p1', created: 1, title: 'Buurtfeest' });
	proposeAction(doc, { id: 'b', step: 's', author: 'p2', created: 2, title: 'Infopunt' });
	proposeAction(doc, { id: 'c', step: 's', author: 'p1', created: 3, title: 'Wandeling' });
	proposeAction(doc, { id: 'x', step: 'other', author: 'p1', created: 0, title: 'Elders' });
	return doc;
}

describe('building block choices', () => {
	it('lists the eight blocks of the seed, in its order', () => {
		const seed = loadBlockSeeds().get('bouwstenen');
		expect(seed?.blocks.map((b) => b.id)).toEqual([...BUILDING_BLOCKS]);
	});

	it('offers only blocks whose name the workshop carries, in seed order', () => {
		const labels = {
			inclusie: { nl: 'Inclusie', en: 'Inclusion' },
			'column-1': { nl: 'Kolom', en: 'Column' },
			buurtanalyse: { nl: 'Buurtanalyse', en: 'Analysis' }
		};
		expect(blockChoices(labels).map((c) => c.id)).toEqual(['buurtanalyse', 'inclusie']);
		expect(blockChoices(labels)[1]!.label.nl).toBe('Inclusie');
		expect(blockChoices(undefined)).toEqual([]);
	});

	it("offers the tracks of the step's tag seed instead, and items without tracks themselves", () => {
		const labels = {
			toegang: 'Toegankelijkheid',
			'toegang-info': 'Toegankelijkheid – informatie',
			'toegang-drempels': 'Toegankelijkheid – drempels',
			netwerk: 'Informeel netwerk',
			detectie: 'Detectie'
		};
		const items = [
			{ id: 'toegang', tracks: [{ id: 'toegang-info' }, { id: 'toegang-drempels' }] },
			{ id: 'netwerk' }
		];
		expect(blockChoices(labels, items).map((c) => c.id)).toEqual([
			'toegang-info',
			'toegang-drempels',
			'netwerk'
		]);
		// Tracks say they are tracks, so the form can name its field after them.
		expect(blockChoices(labels, items).map((c) => c.track)).toEqual([true, true, undefined]);
		expect(blockChoices(labels).some((c) => c.track)).toBe(false);
	});
});

describe('the plan of a step', () => {
	it('keeps one step, hides hidden actions unless the facilitator asks', () => {
		const doc = board();
		setActionHidden(doc, 'b', true);
		const actions = actionsFromYdoc(doc);
		expect(stepActions(actions, 's').map((a) => a.id)).toEqual(['a', 'c']);
		expect(stepActions(actions, 's', true).map((a) => a.id)).toEqual(['a', 'b', 'c']);
	});

	it('lets a participant change only their own action while it is proposed', () => {
		const doc = board();
		const byId = () => new Map(actionsFromYdoc(doc).map((a) => [a.id, a] as const));
		expect(canEditAction(byId().get('a')!, 'p1')).toBe(true);
		expect(canEditAction(byId().get('a')!, 'p2')).toBe(false);
		setActionStatus(doc, 'a', 'confirmed');
		expect(canEditAction(byId().get('a')!, 'p1')).toBe(false);
		setActionHidden(doc, 'c', true);
		expect(canEditAction(byId().get('c')!, 'p1')).toBe(false);
	});

	it('orders by creation before the reveal and by dots after', () => {
		const doc = board();
		for (const [participant, target] of [
			['p1', 'c'],
			['p2', 'c'],
			['p3', 'b']
		] as const)
			placeDot(doc, { step: 's', participant, target, delta: 1, limit: 2 });
		const actions = stepActions(actionsFromYdoc(doc), 's');
		const shuffled: Action[] = [actions[2]!, actions[0]!, actions[1]!];
		expect(planOrder(shuffled, null).map((a) => a.id)).toEqual(['a', 'b', 'c']);
		const tally = tallyDots(dotsFromYdoc(doc), 's', 2);
		expect(planOrder(shuffled, tally).map((a) => a.id)).toEqual(['c', 'b', 'a']);
	});

	it("counts one participant's own dots per action", () => {
		const doc = board();
		placeDot(doc, { step: 's', participant: 'p1', target: 'a', delta: 1, limit: 3 });
		placeDot(doc, { step: 's', participant: 'p1', target: 'a', delta: 1, limit: 3 });
		placeDot(doc, { step: 's', participant: 'p2', target: 'a', delta: 1, limit: 3 });
		placeDot(doc, { step: 'other', participant: 'p1', target: 'x', delta: 1, limit: 3 });
		const mine = dotsOf(dotsFromYdoc(doc), 's', 'p1');
		expect([...mine]).toEqual([['a', 2]]);
	});
});
