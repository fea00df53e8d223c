// The closing recap: what the group made today, read from the report's own model (part 1 of the
// vision report, src/lib/report/vision.ts), so the room and the report never disagree.
import type { RoomSnapshot } from '$lib/board';
import { visionSections } from '$lib/report/vision';
import type { Locale, Workshop, WorkshopStep } from '$lib/workshop/types';

/** A workshop ends on a recap when its last step is an info step (the closing words). */
export function isClosingStep(workshop: Workshop, step: WorkshopStep): boolean {
	const last = workshop.steps[workshop.steps.length - 1];
	return !!last && last.id === step.id && step.type === 'info';
}

export type RecapSentence = { text: string; dots: number };
export type RecapAction = { title: string; lead: string; when: string };

export type Recap = {
	/** The vision text the facilitator wrote, if any. */
	visionText: string;
	/** The vision sentences, most dots first. */
	sentences: RecapSentence[];
	/** The top themes' titles, with their counts, as the report words them. */
	themes: string[];
	/** The confirmed actions, highest priority first. */
	actions: RecapAction[];
};

/** The recap of a room, from the report model's vision, themes and plan sections. */
export function recapOf(snapshot: RoomSnapshot, workshop: Workshop, locale: Locale): Recap {
	const synthesis = (id: string) => snapshot.control.synthesis[id] ?? '';
	const sections = visionSections(
		{
			title: '',
			createdAt: 0,
			workshop,
			snapshot,
			participants: 0,
			locale,
			names: false
		},
		synthesis,
		[]
	);
	const section = (id: string) => sections.find((s) => s.id === id)?.blocks ?? [];
	const sentences = section('vision').flatMap((block) =>
		block.kind === 'items' ? block.items.map((i) => ({ text: i.text, dots: i.votes })) : []
	);
	const themes = section('themes').flatMap((block) =>
		block.kind === 'items' ? [block.title] : []
	);
	// The plan's table: action, block, lead, partners, when, first step.
	const actions = section('plan').flatMap((block) =>
		block.kind === 'table'
			? block.rows.map((row) => ({ title: row[0] ?? '', lead: row[2] ?? '', when: row[4] ?? '' }))
			: []
	);
	return { visionText: synthesis('vision').trim(), sentences, themes, actions };
}
