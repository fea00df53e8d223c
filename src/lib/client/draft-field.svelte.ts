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

/** What a form needs to keep its unsent fields on the device. */
export type UnsentKeeper = {
	read: (field: string) => string;
	write: (field: string, text: string) => void;
};

/**
 * Keeps the unsent fields of a form with several fields (a proposed action) on the device, each
 * as `<form>-<field>` of the step, and tells the room while any of them holds text.
 */
export function keepUnsent(room: RoomConnection, stepId: string, form: string): UnsentKeeper {
	const name = (field: string) => `${form}-${field}`;
	return {
		read: (field) => readUnsent(room.roomId, stepId, name(field)),
		write: (field, text) => {
			writeUnsent(room.roomId, stepId, name(field), text);
			room.setTyping(stepId, name(field), text.trim() !== '');
		}
	};
}
