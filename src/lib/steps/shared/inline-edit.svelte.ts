/**
 * The state of an inline editor (a note's text, a cluster's title): `begin` copies the current
 * text into the draft, `save` (the form's submit handler) hands a draft that is not blank to
 * `commit` and closes, `cancel` closes without saving. Bind the field to `draft`.
 */
export class InlineEdit {
	editing = $state(false);
	draft = $state('');
	#current: () => string;
	#commit: (text: string) => void;

	constructor(current: () => string, commit: (text: string) => void) {
		this.#current = current;
		this.#commit = commit;
	}

	begin = () => {
		this.draft = this.#current();
		this.editing = true;
	};

	cancel = () => {
		this.editing = false;
	};

	save = (event: SubmitEvent) => {
		event.preventDefault();
		if (this.draft.trim()) this.#commit(this.draft);
		this.editing = false;
	};
}
