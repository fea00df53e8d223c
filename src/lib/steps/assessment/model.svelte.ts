import { heatMap, leastFulfilled, ratingProgress, roomProgress } from '$lib/board';
import type { StepViewProps } from '../view-types';
import { stepBlocks } from './labels';

/**
 * What the console and the projector both read of an assessment step: its building blocks,
 * how far the room is, whether the results are revealed, the spread of the ratings and the
 * least fulfilled blocks. `props` gives the view's current props, so that all of it follows them.
 */
export function assessmentModel(props: () => Pick<StepViewProps, 'room' | 'step' | 'control'>) {
	const blocks = $derived(stepBlocks(props().step));
	const ids = $derived(blocks.map((b) => b.id));
	const ratings = $derived(props().room.board.current.ratings);
	const progress = $derived(
		roomProgress(ratingProgress(ratings, props().step.id, ids), props().room.presence.participants)
	);
	const revealed = $derived(props().control.revealedSteps.includes(props().step.id));
	// Hand counts from paper count with the phones' ratings (paper.ts).
	const spread = $derived(
		heatMap(ratings, props().step.id, ids, props().room.board.current.paperCounts)
	);
	const least = $derived(leastFulfilled(spread));
	return {
		get blocks() {
			return blocks;
		},
		get progress() {
			return progress;
		},
		get revealed() {
			return revealed;
		},
		get spread() {
			return spread;
		},
		get least() {
			return least;
		}
	};
}
