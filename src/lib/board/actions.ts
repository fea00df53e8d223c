import * as Y from 'yjs';
import { removeDotsOn, type Dot } from './dots';
import { NoteError } from './notes';
import { USER_ORIGIN, type Origin } from './origins';
import { actionsRoot } from './roots';

export const ACTION_STATUSES = ['proposed', 'confirmed', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The fields of an action plan row that people type. */
export const ACTION_TEXT_FIELDS = [
	'title',
	'block',
	'lead',
	'partners',
	'when',
	'firstStep'
] as const;
export type ActionField = (typeof ACTION_TEXT_FIELDS)[number];
/**
 * Optional, for the municipality's multi-year plan (meerjarenplan): the policy objective
 * (beleidsdoelstelling) and action plan (actieplan) the action belongs to, and its code there.
 */
export const ACTION_PLAN_FIELDS = ['goal', 'actionPlan', 'code'] as const;
export type ActionPlanField = (typeof ACTION_PLAN_FIELDS)[number];
/** Every text field of an action (what the update guard accepts). */
export const ACTION_FIELDS = [...ACTION_TEXT_FIELDS, ...ACTION_PLAN_FIELDS] as const;
type AnyActionField = (typeof ACTION_FIELDS)[number];
export const MAX_ACTION_FIELD = 300;

export type Action = Record<ActionField, string> &
	Partial<Record<ActionPlanField, string>> & {
		id: string;
		step: string;
		status: ActionStatus;
		author: string;
		created: number;
		hidden: boolean;
	};

export type NewAction = Partial<Record<AnyActionField, string>> &
	Pick<Action, 'id' | 'step' | 'author' | 'created'>;

function cleanFields(
	fields: Partial<Record<AnyActionField, string>>
): Partial<Record<AnyActionField, string>> {
	const clean: Partial<Record<AnyActionField, string>> = {};
	for (const field of ACTION_FIELDS) {
		const value = fields[field];
		if (value === undefined) continue;
		const trimmed = value.trim();
		if (trimmed.length > MAX_ACTION_FIELD)
			throw new NoteError(`${field} holds at most ${MAX_ACTION_FIELD} characters`);
		clean[field] = trimmed;
	}
	return clean;
}

/** A participant proposes an action; the facilitator edits and confirms it. */
export function proposeAction(doc: Y.Doc, action: NewAction, origin: Origin = USER_ORIGIN): void {
	const fields = cleanFields(action);
	if (!fields.title) throw new NoteError('an action needs a title');
	doc.transact(() => {
		if (actionsRoot(doc).has(action.id)) throw new NoteError(`action ${action.id} exists already`);
		const entry = new Y.Map<unknown>();
		// Empty fields, 'proposed' and 'not hidden' are the defaults and are not stored (fewer
		// Yjs items for every later load).
		for (const field of ACTION_FIELDS) if (fields[field]) entry.set(field, fields[field]);
		entry.set('step', action.step);
		entry.set('author', action.author);
		entry.set('created', action.created);
		actionsRoot(doc).set(action.id, entry);
	}, origin);
}

function actionEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
	const entry = actionsRoot(doc).get(id);
	if (!(entry instanceof Y.Map)) throw new NoteError(`no action ${id}`);
	return entry;
}

/** Changes only the given fields, so two people editing different fields both keep theirs. */
export function updateAction(
	doc: Y.Doc,
	id: string,
	fields: Partial<Record<AnyActionField, string>>,
	origin: Origin = USER_ORIGIN
): void {
	const clean = cleanFields(fields);
	if (clean.title === '') throw new NoteError('an action needs a title');
	doc.transact(() => {
		const entry = actionEntry(doc, id);
		for (const [field, value] of Object.entries(clean)) entry.set(field, value);
	}, origin);
}

export function setActionStatus(
	doc: Y.Doc,
	id: string,
	status: ActionStatus,
	origin: Origin = USER_ORIGIN
): void {
	if (!ACTION_STATUSES.includes(status)) throw new RangeError(`unknown status "${status}"`);
	doc.transact(() => actionEntry(doc, id).set('status', status), origin);
}

export function setActionHidden(
	doc: Y.Doc,
	id: string,
	hidden: boolean,
	origin: Origin = USER_ORIGIN
): void {
	doc.transact(() => actionEntry(doc, id).set('hidden', hidden), origin);
}

export function deleteAction(doc: Y.Doc, id: string, origin: Origin = USER_ORIGIN): void {
	doc.transact(() => {
		actionEntry(doc, id);
		actionsRoot(doc).delete(id);
		removeDotsOn(doc, id);
	}, origin);
}

export function actionsFromYdoc(doc: Y.Doc): Action[] {
	const actions: Action[] = [];
	actionsRoot(doc).forEach((entry, id) => {
		if (!(entry instanceof Y.Map)) return;
		const status = entry.get('status');
		const created = entry.get('created');
		const action = {
			id,
			step: String(entry.get('step') ?? ''),
			status: ACTION_STATUSES.includes(status as ActionStatus)
				? (status as ActionStatus)
				: 'proposed',
			author: String(entry.get('author') ?? ''),
			created: typeof created === 'number' ? created : 0,
			hidden: entry.get('hidden') === true
		} as Action;
		for (const field of ACTION_TEXT_FIELDS) action[field] = String(entry.get(field) ?? '');
		// Only where set: a plan field is optional, and older rooms have none.
		for (const field of ACTION_PLAN_FIELDS) {
			const value = entry.get(field);
			if (typeof value === 'string' && value) action[field] = value;
		}
		if (action.title) actions.push(action);
	});
	return actions.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
}

/** The plan as the projector shows it: most dots first, then oldest first. */
export function actionsByPriority(
	actions: readonly Action[],
	dots: ReadonlyMap<string, number>
): Action[] {
	return [...actions].sort(
		(a, b) => (dots.get(b.id) ?? 0) - (dots.get(a.id) ?? 0) || a.created - b.created
	);
}

/** The eight building blocks (ids of seeds/bouwstenen.yaml), in the seed's order. */
export const BUILDING_BLOCKS = [
	'buurtanalyse',
	'visie-organisatie',
	'detectie',
	'toeleiding',
	'sociale-netwerken',
	'inclusie',
	'communiceren',
	'partnerschappen'
] as const;

/** Dots per participant when a step does not say. */
export const DEFAULT_ACTION_VOTES = 3;

/** An item of the seed a step tags its actions with (`tags`), with its tracks if it has any. */
export type TagItem = { id: string; tracks?: readonly { id: string }[] };

/**
 * What an action can be tagged with, where the workshop's labels name it: the tracks (or the
 * items without tracks) of the step's seed, or else the eight building blocks.
 */
export function blockChoices<Label>(
	labels: Readonly<Record<string, Label>> | undefined,
	seedItems?: readonly TagItem[]
): { id: string; label: Label; track?: true }[] {
	const ids = seedItems
		? seedItems.flatMap((item) =>
				item.tracks?.length
					? item.tracks.map((t) => ({ id: t.id, track: true as const }))
					: [{ id: item.id }]
			)
		: BUILDING_BLOCKS.map((id) => ({ id }));
	return ids.flatMap((choice) => {
		const label = labels?.[choice.id];
		return label === undefined ? [] : [{ ...choice, label }];
	});
}

/** A step's actions in creation order; hidden ones only for the facilitator. */
export function stepActions(
	actions: readonly Action[],
	step: string,
	withHidden = false
): Action[] {
	return actions.filter((a) => a.step === step && (withHidden || !a.hidden));
}

/** A participant may change or withdraw their own action until the facilitator confirms it. */
export function canEditAction(action: Action, participant: string): boolean {
	return action.author === participant && action.status === 'proposed' && !action.hidden;
}

/**
 * The order of the plan: by priority once the dots are shown (`tally`), by creation before,
 * so the room does not see a ranking while it is still voting.
 */
export function planOrder(
	actions: readonly Action[],
	tally: ReadonlyMap<string, number> | null
): Action[] {
	if (!tally) return [...actions].sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
	return actionsByPriority(actions, tally);
}

/** How many dots one participant put on each target in a step (as stored, for their buttons). */
export function dotsOf(
	dots: readonly Dot[],
	step: string,
	participant: string
): Map<string, number> {
	const mine = new Map<string, number>();
	for (const dot of dots)
		if (dot.step === step && dot.participant === participant)
			mine.set(dot.target, (mine.get(dot.target) ?? 0) + dot.count);
	return mine;
}
