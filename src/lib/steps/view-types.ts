import type { Component } from 'svelte';
import type { ControlSnapshot } from '$lib/board';
import type { RoomConnection } from '$lib/client/room.svelte';
import type { Locale, Workshop, WorkshopStep } from '$lib/workshop/types';

/** What every step view gets, on the participant's device, the projector and the console. */
export type StepViewProps = {
	room: RoomConnection;
	workshop: Workshop;
	step: WorkshopStep;
	control: ControlSnapshot;
	locale: Locale;
	/** The facilitator locked this step's input. */
	locked: boolean;
};

export type ParticipantStepProps = StepViewProps & {
	/** The name the participant gave when joining, or ''. */
	name: string;
};

/** A kind's views (src/lib/steps/<kind>/views.ts); each is optional. */
export type StepViews = {
	console?: Component<StepViewProps>;
	participant?: Component<ParticipantStepProps>;
	projector?: Component<StepViewProps>;
	/**
	 * The projector view shows the step's projector text itself (info); otherwise the projector
	 * page shows it above the view.
	 */
	projectorText?: boolean;
};
