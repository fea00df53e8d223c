// Every step kind, by the `type` a workshop file writes. The workshop loader, the report builder,
// the CSV export and (through ./views.ts) the console, participant and projector pages look a
// step's kind up here instead of branching on its type. Adding a kind: one folder, one line here.
import type { ParticipantWrites, StepKind } from './kind';
import { actions } from './actions';
import { extraKinds } from './extra-kinds';
import { assessment } from './assessment';
import { brainstorm } from './brainstorm';
import { checklist } from './checklist';
import { info } from './info';
import { round } from './round';
import { vote } from './vote';

const kinds = new Map<string, StepKind>(
	[info, round, brainstorm, checklist, assessment, vote, actions, ...extraKinds].map((kind) => [
		kind.type,
		kind
	])
);

/** The kind of a step type, or undefined for a type no kind claims. */
export const stepKind = (type: string): StepKind | undefined => kinds.get(type);

const NOTHING: ParticipantWrites = {};

/** What a participant may write in a step of a type: nothing for a type no kind claims. */
export const writesOf = (type: string): ParticipantWrites => kinds.get(type)?.writes ?? NOTHING;

/** Every kind, in the order they were registered. */
export const stepKinds = (): StepKind[] => [...kinds.values()];

/**
 * Adds a kind (a test's demo kind, a plug-in); returns a function that removes it again.
 * A type that is already registered is refused.
 */
export function registerStepKind(kind: StepKind): () => void {
	if (kinds.has(kind.type)) throw new Error(`step type "${kind.type}" is already registered`);
	kinds.set(kind.type, kind);
	return () => void kinds.delete(kind.type);
}
