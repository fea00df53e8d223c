import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';

/**
 * A read-only, reactive snapshot of a Y.Doc for components: `current` is recomputed only
 * after the document changed, and reading it inside an effect or template subscribes.
 */
export class DocState<T> {
	#doc: Y.Doc;
	#read: (doc: Y.Doc) => T;
	#value: T;
	#stale = false;
	#subscribe: () => void;
	#markStale = () => {
		this.#stale = true;
	};

	constructor(doc: Y.Doc, read: (doc: Y.Doc) => T) {
		this.#doc = doc;
		this.#read = read;
		this.#value = read(doc);
		doc.on('update', this.#markStale);
		this.#subscribe = createSubscriber((update) => {
			doc.on('update', update);
			return () => doc.off('update', update);
		});
	}

	get current(): T {
		this.#subscribe();
		if (this.#stale) {
			this.#stale = false;
			this.#value = this.#read(this.#doc);
		}
		return this.#value;
	}

	destroy(): void {
		this.#doc.off('update', this.#markStale);
	}
}
