// Who may change what in a room's documents. The server judges every change a client makes
// against these rules; a refused change is put back before anyone else sees it (guard.ts).
//
// Everyone: only the known roots, only maps of entries with known fields, within the same
// limits the interface has. A participant, besides: only their own contributions, only in a
// step the session has reached and the facilitator has not locked, only while voting is open,
// and nothing that only the facilitator does (hiding, confirming, grouping, merging).
import { ACTION_FIELDS, MAX_ACTION_FIELD } from '../actions';
import { RATINGS } from '../assessment';
import { CHOICES } from '../ballots';
import { CHECK_ANSWERS, MAX_CHECK_NOTE } from '../checklist';
import { MAX_CLUSTER_TITLE } from '../clusters';
import type { ControlSnapshot } from '../control';
import { MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from '../notes';
import { PAPER_CHOICES, isPaperCount } from '../paper';
import { partsOf } from '../roots';
import type { ParticipantWrites } from '../../steps/kind';
import { writesOf } from '../../steps/registry';
import type { WorkshopStep } from '../../workshop/types';
import type { Change } from './changes';

/** Who writes: the facilitator, or one participant (with the name they joined with). */
export type Actor = { role: 'facilitator' } | { role: 'participant'; id: string; name: string };

/** What the rules need to know about the room besides the document. */
export type RoomContext = {
	/** The steps of the workshop as run (its variant), in order; null if it is not installed. */
	steps: readonly WorkshopStep[] | null;
	control: ControlSnapshot;
};

/** The document being changed: the shared board, or a participant's private draft. */
export type DocKind = 'board' | 'draft';

/** Reads other entries of the document as they are after the change (for totals and owners). */
export type DocReader = {
	entry(root: string, key: string): Record<string, unknown> | null;
	/** Every entry of a map root of primitives, as key → value. */
	values(root: string): Iterable<[string, unknown]>;
};

export type Verdict = string | null;

const MAX_ID = 64;
const isId = (value: unknown): value is string =>
	typeof value === 'string' && value.length > 0 && value.length <= MAX_ID && !value.includes('|');
const isTime = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown, max: number) =>
	typeof value === 'string' && value.trim().length > 0 && value.length <= max;
const isOptionalText = (value: unknown, max: number) =>
	value === undefined || (typeof value === 'string' && value.length <= max);

/** What every writer must respect: a known field of the right type, within its limit. */
const NOTE_FIELDS: Record<string, (value: unknown) => boolean> = {
	text: (v) => isText(v, MAX_NOTE_LENGTH),
	step: isId,
	column: (v) => v === '' || isId(v),
	author: isId,
	authorName: (v) => isOptionalText(v, MAX_NAME_LENGTH),
	created: isTime,
	hidden: (v) => typeof v === 'boolean',
	cluster: (v) => v === '' || isId(v),
	mergedInto: (v) => v === '' || isId(v),
	// Typed in by the facilitator from a paper card (participant.ts refuses it from a phone).
	paper: (v) => v === true
};

const ACTION_FIELD_CHECKS: Record<string, (value: unknown) => boolean> = {
	...Object.fromEntries(
		ACTION_FIELDS.map((f) => [f, (v: unknown) => isOptionalText(v, MAX_ACTION_FIELD)])
	),
	step: isId,
	author: isId,
	created: isTime,
	status: (v) => v === 'proposed' || v === 'confirmed' || v === 'done',
	hidden: (v) => typeof v === 'boolean'
};

const CLUSTER_FIELDS: Record<string, (value: unknown) => boolean> = {
	step: isId,
	title: (v) => isOptionalText(v, MAX_CLUSTER_TITLE),
	created: isTime
};

const CHECK_FIELDS: Record<string, (value: unknown) => boolean> = {
	answer: (v) => v === '' || (CHECK_ANSWERS as readonly unknown[]).includes(v),
	note: (v) => isOptionalText(v, MAX_CHECK_NOTE)
};

const ENTRY_ROOTS: Record<string, Record<string, (value: unknown) => boolean>> = {
	notes: NOTE_FIELDS,
	actions: ACTION_FIELD_CHECKS,
	clusters: CLUSTER_FIELDS,
	checklist: CHECK_FIELDS
};

const VALUE_ROOTS: Record<string, (key: string, value: unknown) => boolean> = {
	dots: (key, v) =>
		keyParts(key, 3) && Number.isInteger(v) && (v as number) > 0 && (v as number) <= 1000,
	ratings: (key, v) => keyParts(key, 3) && (RATINGS as readonly unknown[]).includes(v),
	ballots: (key, v) => keyParts(key, 3) && (CHOICES as readonly unknown[]).includes(v),
	checkProposals: (key, v) => keyParts(key, 3) && (CHECK_ANSWERS as readonly unknown[]).includes(v),
	// Hand counts from paper: only the facilitator writes them (participant.ts refuses the root).
	paperCounts: (key, v) =>
		keyParts(key, 3) && PAPER_CHOICES.includes(partsOf(key)[2]!) && isPaperCount(v)
};

/** Roots a draft holds: the participant's waiting notes, and their secret ballots. */
const DRAFT_VALUE_ROOTS: Record<string, (key: string, value: unknown) => boolean> = {
	ballots: (key, v) => keyParts(key, 2) && (CHOICES as readonly unknown[]).includes(v)
};

function keyParts(key: string, count: number): boolean {
	const parts = partsOf(key);
	return parts.length === count && parts.every(isId);
}

/** The shape every writer must keep: known roots, known fields, values within limits. */
export function shapeVerdict(change: Change, kind: DocKind): Verdict {
	const entryRoots = kind === 'board' ? ENTRY_ROOTS : { notes: NOTE_FIELDS };
	const valueRoots = kind === 'board' ? VALUE_ROOTS : DRAFT_VALUE_ROOTS;
	const fields = entryRoots[change.root];
	if (fields) {
		const validKey = change.root === 'checklist' ? keyParts(change.entry, 2) : isId(change.entry);
		if (!validKey) return 'invalid id';
		return fieldsVerdict(change, fields);
	}
	const valid = valueRoots[change.root];
	if (!valid) return `unknown part "${change.root.slice(0, 40)}"`;
	if (change.field !== null || (change.after.exists && change.after.map)) return 'not a value';
	if (change.after.exists && !valid(change.entry, change.after.value)) return 'invalid value';
	return null;
}

function fieldsVerdict(
	change: Change,
	fields: Record<string, (value: unknown) => boolean>
): Verdict {
	const { after } = change;
	if (!after.exists) return null;
	if (change.field !== null) {
		const check = fields[change.field];
		if (!check) return `unknown field "${change.field.slice(0, 40)}"`;
		return check(after.value) ? null : `invalid ${change.field}`;
	}
	if (!after.map) return 'an entry must be a map';
	for (const [field, value] of Object.entries(after.value)) {
		const check = fields[field];
		if (!check) return `unknown field "${field.slice(0, 40)}"`;
		if (!check(value)) return `invalid ${field}`;
	}
	return null;
}

/**
 * Where a participant may write a part of the board: the step exists, its kind takes that part
 * (StepKind.writes), the session reached it, and it is not locked.
 */
export function stepVerdict(
	context: RoomContext,
	stepId: unknown,
	part: keyof ParticipantWrites
): { verdict: Verdict; step: WorkshopStep | null } {
	const steps = context.steps;
	if (!steps) return { verdict: 'the workshop of this room is not installed', step: null };
	const index = steps.findIndex((s) => s.id === stepId);
	const step = steps[index];
	if (!step) return { verdict: 'unknown step', step: null };
	if (!writesOf(step.type)[part])
		return { verdict: `a ${step.type} step takes no such input`, step };
	const { control } = context;
	const reached = index <= control.stepIndex || control.spentMs[index] !== undefined;
	if (!reached) return { verdict: 'the session has not reached this step', step };
	if (control.lockedSteps.includes(step.id)) return { verdict: 'the step is locked', step };
	return { verdict: null, step };
}

/** Dots a participant may give in a step; 0 where the step has no dot voting. */
export function dotLimit(step: WorkshopStep): number {
	return writesOf(step.type).dots?.(step) ?? 0;
}

/** The ids a participant's write of a part may name in a step (columns, blocks, items …). */
export function idsFor(
	step: WorkshopStep | null,
	part: 'notes' | 'ratings' | 'checkProposals' | 'ballots'
): readonly string[] {
	return step ? (writesOf(step.type)[part]?.(step) ?? []) : [];
}
