import { tick } from 'svelte';

/**
 * The state of an inline editor (a note's text, a cluster's title): `begin` copies the current
 * text into the draft, `save` (the form's submit handler) hands a draft that is not blank to
 * `commit` and closes, `cancel` closes without saving. Bind the field to `draft`.
 *
 * Focus follows the editor, so a keyboard or screen-reader user never lands on the page's body:
 * `begin` puts the cursor in the form's field; closing (saving, cancelling, or Escape through
 * `escape` on the form) puts focus back on the button marked `data-edit-trigger` in the same
 * item (the closest `[data-inline-root]`, `li` or `section` around the button that opened it).
 */
export class InlineEdit {
	editing = $state(false);
	draft = $state('');
	#current: () => string;
	#commit: (text: string) => void;
	#root: HTMLElement | null = null;

	constructor(current: () => string, commit: (text: string) => void) {
		this.#current = current;
		this.#commit = commit;
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
		this.editing = false;
		this.#refocus();
	};

	save = (event: SubmitEvent) => {
		event.preventDefault();
		if (this.draft.trim()) this.#commit(this.draft);
		this.editing = false;
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
