import { checkAnswerOf, checklistSummary } from '$lib/board';
import type { StepViewProps } from '../view-types';

/**
 * What the console and the projector both read of a checklist step: its items, the summary
 * and the answer per item. `props` gives the view's current props, so that all of it follows them.
 */
export function checklistModel(props: () => Pick<StepViewProps, 'room' | 'step'>) {
	const items = $derived(props().step.options?.items ?? []);
	const answers = $derived(props().room.board.current.checklist);
	const summary = $derived(
		checklistSummary(
			answers,
			props().step.id,
			items.map((i) => i.id)
		)
	);
	return {
		get items() {
			return items;
		},
		get summary() {
			return summary;
		},
		/** The answer the room gave for one item. */
		answerOf(itemId: string) {
			return checkAnswerOf(answers, props().step.id, itemId);
		}
	};
}
