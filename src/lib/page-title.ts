// The document title of a room page says where one is, most specific first, so that a tab, a
// screen reader's window list and the browser history tell the steps and the views apart:
// "Stap 4 van 12 · Denkoefening · Visiewerkplaats", "Even pauze · Projectie · Visiewerkplaats".
import { m } from '$lib/paraglide/messages';
import type { WorkshopStep } from '$lib/workshop/types';

export function roomPageTitle(options: {
	step?: WorkshopStep;
	index?: number;
	total: number;
	paused?: boolean;
	locale: string;
	/** The view's name after the step (the console, the projector); none on a phone. */
	view?: string;
}): string {
	const parts: string[] = [];
	if (options.paused) parts.push(m.paused_title());
	else if (options.step && options.index !== undefined) {
		parts.push(m.step_of({ current: options.index + 1, total: options.total }));
		parts.push((options.step.title as Record<string, string>)[options.locale] ?? '');
	}
	if (options.view) parts.push(options.view);
	parts.push(m.app_name());
	return parts.filter(Boolean).join(' · ');
}
