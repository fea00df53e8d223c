// What a participant may change, beyond the shape everyone keeps (rules.ts): their own
// contributions, in a reached and unlocked step, while its voting is open.
import { partsOf } from '../roots';
import type { WorkshopStep } from '../../workshop/types';
import type { Change } from './changes';
import type { ParticipantWrites } from '../../steps/kind';
import {
	dotLimit,
	idsFor,
	stepVerdict,
	type DocKind,
	type DocReader,
	type RoomContext,
	type Verdict
} from './rules';

export type ParticipantCheck = {
	participant: string;
	/** The name the participant joined with: the only name they may sign with. */
	name: string;
	context: RoomContext;
	doc: DocReader;
	/** Notes and actions whose deletion in this change was allowed: their dots go with them. */
	deleted: ReadonlySet<string>;
};

type Fields = Record<string, unknown>;
const fieldsOf = (stored: Change['before']): Fields | null =>
	stored.exists && stored.map ? stored.value : null;

const MODERATION = ['hidden', 'cluster', 'mergedInto', 'status'];

function isSilent(step: WorkshopStep | null): boolean {
	return !!step?.options?.silent;
}

/** Creating, deleting or editing an entry the participant owns (a note or an action). */
function ownedEntryVerdict(
	change: Change,
	check: ParticipantCheck,
	rules: {
		/** The part of the board, which the step's kind must take (StepKind.writes). */
		part: keyof ParticipantWrites;
		editable: readonly string[];
		canCreate: (fields: Fields, step: WorkshopStep | null) => Verdict;
		canChange: (fields: Fields) => Verdict;
	}
): Verdict {
	const before = fieldsOf(change.before);
	const after = fieldsOf(change.after);
	if (change.field === null) {
		if (before && after) return 'an entry cannot be replaced';
		const fields = (after ?? before)!;
		if (!fields) return 'not an entry';
		if (fields.author !== check.participant) return 'not your own';
		if (after && MODERATION.some((field) => field in after))
			return 'only the facilitator moderates';
		if (after && 'paper' in after) return 'only the facilitator types in paper contributions';
		const { verdict, step } = stepVerdict(check.context, fields.step, rules.part);
		if (verdict) return verdict;
		return after ? rules.canCreate(after, step) : rules.canChange(before!);
	}
	const entry = check.doc.entry(change.root, change.entry);
	if (!entry) return 'not an entry';
	if (entry.author !== check.participant) return 'not your own';
	if (!rules.editable.includes(change.field)) return `only the facilitator changes ${change.field}`;
	if (!change.after.exists) return `${change.field} cannot be removed`;
	const { verdict } = stepVerdict(check.context, entry.step, rules.part);
	return verdict ?? rules.canChange(entry);
}

function noteVerdict(change: Change, check: ParticipantCheck, kind: DocKind): Verdict {
	return ownedEntryVerdict(change, check, {
		part: 'notes',
		editable: ['text'],
		canCreate: (fields, step) => {
			if (
				kind === 'board' &&
				isSilent(step) &&
				!check.context.control.revealedSteps.includes(step!.id)
			)
				return 'a silent step keeps notes private until the reveal';
			if (kind === 'draft' && !isSilent(step)) return 'only a silent step keeps drafts';
			if ((fields.authorName ?? '') !== '' && fields.authorName !== check.name)
				return 'not your name';
			// Its columns, or an assessment's building blocks.
			const columns = idsFor(step, 'notes');
			const column = fields.column ?? '';
			if (column !== '' && !columns.includes(column as string)) return 'unknown column';
			if (typeof fields.text !== 'string' || typeof fields.created !== 'number')
				return 'a note needs a text and a time';
			return null;
		},
		canChange: (fields) => (fields.hidden === true ? 'the facilitator hid this note' : null)
	});
}

function actionVerdict(change: Change, check: ParticipantCheck): Verdict {
	return ownedEntryVerdict(change, check, {
		part: 'actions',
		editable: ['title', 'block', 'lead', 'partners', 'when', 'firstStep'],
		canCreate: (fields) => {
			if (typeof fields.title !== 'string' || !fields.title.trim())
				return 'an action needs a title';
			return typeof fields.created === 'number' ? null : 'an action needs a time';
		},
		canChange: (fields) => {
			if (fields.hidden === true) return 'the facilitator hid this action';
			if (fields.status !== undefined && fields.status !== 'proposed')
				return 'the facilitator confirmed this action';
			if (
				change.field === 'title' &&
				!String(change.after.exists ? (change.after.value ?? '') : '').trim()
			)
				return 'an action needs a title';
			return null;
		}
	});
}

/** The participant's dots in a step that count (none on hidden notes or actions). */
function liveDots(check: ParticipantCheck, stepId: string): number {
	let total = 0;
	for (const [key, value] of check.doc.values('dots')) {
		const [step, who, target] = partsOf(key);
		if (step !== stepId || who !== check.participant || typeof value !== 'number') continue;
		const entry = check.doc.entry('notes', target!) ?? check.doc.entry('actions', target!);
		if (entry?.hidden !== true) total += value;
	}
	return total;
}

function dotVerdict(change: Change, check: ParticipantCheck): Verdict {
	const [stepId, who, target] = partsOf(change.entry);
	if (!change.after.exists && check.deleted.has(target!)) return null;
	if (who !== check.participant) return 'not your own';
	const { verdict, step } = stepVerdict(check.context, stepId, 'dots');
	if (verdict) return verdict;
	const limit = dotLimit(step!);
	if (limit === 0) return 'this step has no dot voting';
	if (!check.context.control.votingSteps.includes(step!.id)) return 'voting is closed';
	if (!change.after.exists) return null;
	if (!check.doc.entry('notes', target!) && !check.doc.entry('actions', target!))
		return 'no such note or action';
	const before = change.before.exists ? Number(change.before.value) : 0;
	if (Number(change.after.value) > before && liveDots(check, step!.id) > limit)
		return `at most ${limit} dots`;
	return null;
}

function ratingVerdict(change: Change, check: ParticipantCheck): Verdict {
	const [stepId, who, block] = partsOf(change.entry);
	if (who !== check.participant) return 'not your own';
	const { verdict, step } = stepVerdict(check.context, stepId, 'ratings');
	if (verdict) return verdict;
	return idsFor(step, 'ratings').includes(block!) ? null : 'unknown building block';
}

/**
 * The group's answer to a checklist item is the facilitator's: a participant proposes one
 * (`checkProposals`) and the console confirms it, so a tap on a phone never overwrites what the
 * facilitator decided and noted (README, "Checklist answers").
 */
function checklistVerdict(): Verdict {
	return "only the facilitator confirms the group's answer";
}

/** A participant's own proposal for a checklist item, in a reached, unlocked checklist step. */
function checkProposalVerdict(change: Change, check: ParticipantCheck): Verdict {
	const [stepId, item, who] = partsOf(change.entry);
	if (who !== check.participant) return 'not your own';
	const { verdict, step } = stepVerdict(check.context, stepId, 'checkProposals');
	if (verdict) return verdict;
	return idsFor(step, 'checkProposals').includes(item!) ? null : 'unknown checklist item';
}

/** A secret ballot in the participant's own draft: only while the vote is open. */
function draftBallotVerdict(change: Change, check: ParticipantCheck): Verdict {
	const [stepId, statement] = partsOf(change.entry);
	const { verdict, step } = stepVerdict(check.context, stepId, 'ballots');
	if (verdict) return verdict;
	const { control } = check.context;
	if (!control.votingSteps.includes(step!.id) || control.revealedSteps.includes(step!.id))
		return 'voting is closed';
	return idsFor(step, 'ballots').includes(statement!) ? null : 'unknown statement';
}

/** What a participant may change (after the shape check), per root of the document. */
export function participantVerdict(
	change: Change,
	check: ParticipantCheck,
	kind: DocKind
): Verdict {
	if (change.root === 'notes') return noteVerdict(change, check, kind);
	if (change.root === 'actions' && kind === 'board') return actionVerdict(change, check);
	if (kind === 'draft')
		return change.root === 'ballots' ? draftBallotVerdict(change, check) : 'not in a draft';
	switch (change.root) {
		case 'dots':
			return dotVerdict(change, check);
		case 'ratings':
			return ratingVerdict(change, check);
		case 'checklist':
			return checklistVerdict();
		case 'checkProposals':
			return checkProposalVerdict(change, check);
		case 'ballots':
			return 'a ballot goes to the server only, never to the shared board';
		default:
			return 'only the facilitator changes this';
	}
}
