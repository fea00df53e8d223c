// What the "tagged with" field of an action is called: a building block, or (where the step's
// seed has action domains with tracks, as in "Verbindende en zingevende zorg") a domain and track.
import { m } from '$lib/paraglide/messages';

type Choice = { track?: true };

const ofTracks = (choices: readonly Choice[]) => choices.some((choice) => choice.track);

export const choiceFieldLabel = (choices: readonly Choice[]): string =>
	ofTracks(choices) ? m.actions_field_track() : m.actions_field_block();

export const choiceFieldHint = (choices: readonly Choice[]): string =>
	ofTracks(choices) ? m.actions_hint_track() : m.actions_hint_block();
