import { createSubscriber } from 'svelte/reactivity';
import { serverNow } from './server-clock';

/** The current time on the server's clock, updated a few times a second while something reads it. */
export class Clock {
	#subscribe = createSubscriber((update) => {
		const timer = setInterval(update, 250);
		return () => clearInterval(timer);
	});

	get now(): number {
		this.#subscribe();
		return serverNow();
	}
}
