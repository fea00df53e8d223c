import { tick } from 'svelte';

/** Where an editor keeps a change not saved yet (client/draft-field.svelte.ts: keepUnsent). */
export type EditKeeper = { read: () => string; write: (text: string) => void };

/**
 * The state of an inline editor (a note's text, a cluster's title): `begin` copies the current
 * text into the draft, `save` (the form's submit handler) hands a draft that is not blank to
 * `commit` and closes, `cancel` closes without saving. Bind the field to `draft`.
 *
 * Focus follows the editor, so a keyboard or screen-reader user never lands on the page's body:
 * `begin` puts the cursor in the form's field; closing (saving, cancelling, or Escape through
 * `escape` on the form) puts focus back on the button marked `data-edit-trigger` in the same
 * item (the closest `[data-inline-root]`, `li` or `section` around the button that opened it).
 *
 * With `keep`, a change not saved yet stays on the device (a participant's note: a reload, a lost
 * connection or a locked step never throws it away) and the editor opens with it again.
 */
export class InlineEdit {
	editing = $state(false);
	#draft = $state('');
	/** The editor opened with a change kept on the device from before. */
	restored = $state(false);
	#current: () => string;
	#commit: (text: string) => void;
	#keep: EditKeeper | undefined;
	#root: HTMLElement | null = null;

	constructor(current: () => string, commit: (text: string) => void, keep?: EditKeeper) {
		this.#current = current;
		this.#commit = commit;
		this.#keep = keep;
		const kept = keep?.read() ?? '';
		if (kept.trim()) {
			this.#draft = kept;
			this.editing = true;
			this.restored = true;
			// Written again, outside the reaction that made this editor: the keeper also tells the
			// room that someone is still typing in this step.
			queueMicrotask(() => keep?.write(kept));
		}
	}

	get draft(): string {
		return this.#draft;
	}

	set draft(text: string) {
		this.#draft = text;
		this.#keep?.write(text === this.#current() ? '' : text);
	}

	/** Closes the editor; what was kept on the device for it goes. */
	#close(): void {
		this.editing = false;
		this.restored = false;
		this.#keep?.write('');
	}

	begin = () => {
		this.draft = this.#current();
		this.editing = true;
		const opener = typeof document === 'undefined' ? null : document.activeElement;
		this.#root =
			opener instanceof HTMLElement
				? opener.closest<HTMLElement>('[data-inline-root], li, section')
				: null;
		void tick().then(() => this.#root?.querySelector<HTMLElement>('textarea, input')?.focus());
	};

	cancel = () => {
		this.#close();
		this.#refocus();
	};

	save = (event: SubmitEvent) => {
		event.preventDefault();
		if (this.draft.trim()) this.#commit(this.draft);
		this.#close();
		this.#refocus();
	};

	/** Escape anywhere in the form closes it without saving: `<form {@attach edit.escape}>`. */
	escape = (form: HTMLElement) => {
		const onKey = (event: KeyboardEvent) => {
			if (event.key !== 'Escape') return;
			event.preventDefault();
			event.stopPropagation();
			this.cancel();
		};
		form.addEventListener('keydown', onKey);
		return () => form.removeEventListener('keydown', onKey);
	};

	#refocus(): void {
		const root = this.#root;
		if (!root) return;
		void tick().then(() => {
			const target = root.isConnected
				? root.querySelector<HTMLElement>('[data-edit-trigger]')
				: null;
			target?.focus();
		});
	}
}
