// Phones load a kind's participant view from <kind>/participant.ts (steps/lazy-views.ts), the
// console and the projector from <kind>/views.ts: the two must name the same component, and a
// kind with a participant view must have the file, or its steps stay blank on every phone.
import { describe, expect, it } from 'vitest';
import type { StepViews } from '../../src/lib/steps/view-types';

const views = import.meta.glob<StepViews>('../../src/lib/steps/*/views.ts', {
	import: 'default',
	eager: true
});
const participantViews = import.meta.glob<unknown>('../../src/lib/steps/*/participant.ts', {
	import: 'default',
	eager: true
});
const kindOf = (path: string) => path.split('/').at(-2)!;

describe('step views on phones', () => {
	it('finds the kinds', () => {
		expect(Object.keys(views).map(kindOf)).toEqual(
			expect.arrayContaining(['actions', 'assessment', 'brainstorm', 'info', 'round', 'vote'])
		);
	});

	for (const [path, kindViews] of Object.entries(views)) {
		const kind = kindOf(path);
		it(`${kind}: participant.ts is the participant view of views.ts`, () => {
			const loaded = participantViews[path.replace(/views\.ts$/, 'participant.ts')];
			if (!kindViews.participant) expect(loaded).toBeUndefined();
			else expect(loaded).toBe(kindViews.participant);
		});
	}
});
