import type { RoomConnection } from './room.svelte';
import { readUnsent, writeUnsent } from './unsent-text';

/**
 * One text field of a step whose unsent text the device keeps (unsent-text.ts). Make one per
 * step and field (`$derived(new DraftField(room, step.id, 'note'))`): a new step gets its own,
 * empty or with what was left there before. Typing tells the room, through presence, that this
 * participant is still writing in the step.
 */
export class DraftField {
	#text = $state('');
	/** The text came back from the device (left unsent earlier): the view says so. */
	readonly restored: boolean;

	constructor(
		readonly room: RoomConnection,
		readonly stepId: string,
		readonly field: string
	) {
		const kept = readUnsent(room.roomId, stepId, field);
		this.#text = kept;
		this.restored = kept.trim() !== '';
		// Presence changes outside the reaction that made this field.
		if (this.restored) queueMicrotask(() => room.setTyping(stepId, field, true));
	}

	get text(): string {
		return this.#text;
	}

	set text(value: string) {
		this.#text = value;
		writeUnsent(this.room.roomId, this.stepId, this.field, value);
		this.room.setTyping(this.stepId, this.field, value.trim() !== '');
	}

	/** The text was sent: nothing is kept any more. */
	clear(): void {
		this.text = '';
	}
}
