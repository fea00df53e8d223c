import * as Y from 'yjs';
import { USER_ORIGIN, type Origin } from './origins';
import { checkProposalsRoot, checklistRoot, keyOf, partsOf } from './roots';

export const CHECK_ANSWERS = ['yes', 'partly', 'no'] as const;
export type CheckAnswer = (typeof CHECK_ANSWERS)[number] | '';
export type ChecklistAnswer = { step: string; item: string; answer: CheckAnswer; note: string };

export const MAX_CHECK_NOTE = 500;

/**
 * The group's answer to one checklist item, as the facilitator confirms it (the server takes it
 * from nobody else); the last writer wins per field.
 */
export function answerCheckItem(
	doc: Y.Doc,
	answer: ChecklistAnswer,
	origin: Origin = USER_ORIGIN
): void {
	if (answer.answer !== '' && !(CHECK_ANSWERS as readonly string[]).includes(answer.answer)) {
		throw new RangeError(`unknown answer "${answer.answer}"`);
	}
	const note = answer.note.trim();
	if (note.length > MAX_CHECK_NOTE)
		throw new RangeError(`a note holds at most ${MAX_CHECK_NOTE} characters`);
	const key = keyOf(answer.step, answer.item);
	doc.transact(() => {
		let entry = checklistRoot(doc).get(key);
		if (!(entry instanceof Y.Map)) {
			entry = new Y.Map<unknown>();
			checklistRoot(doc).set(key, entry);
		}
		entry.set('answer', answer.answer);
		entry.set('note', note);
	}, origin);
}

export function checklistFromYdoc(doc: Y.Doc): ChecklistAnswer[] {
	const answers: ChecklistAnswer[] = [];
	checklistRoot(doc).forEach((entry, key) => {
		const [step, item] = partsOf(key);
		if (!step || !item || !(entry instanceof Y.Map)) return;
		const answer = entry.get('answer');
		const valid =
			typeof answer === 'string' &&
			(answer === '' || (CHECK_ANSWERS as readonly string[]).includes(answer));
		answers.push({
			step,
			item,
			answer: valid ? (answer as CheckAnswer) : '',
			note: String(entry.get('note') ?? '')
		});
	});
	return answers.sort((a, b) => a.step.localeCompare(b.step) || a.item.localeCompare(b.item));
}

/** The group's current answer and note for one item ('' and '' when nobody answered yet). */
export function checkAnswerOf(
	answers: readonly ChecklistAnswer[],
	step: string,
	item: string
): { answer: CheckAnswer; note: string } {
	const found = answers.find((a) => a.step === step && a.item === item);
	return { answer: found?.answer ?? '', note: found?.note ?? '' };
}

export type ChecklistSummary = Record<'yes' | 'partly' | 'no' | 'open', number>;

/** How many of the given items the group answered yes, partly or no, and how many are open. */
export function checklistSummary(
	answers: readonly ChecklistAnswer[],
	step: string,
	items: readonly string[]
): ChecklistSummary {
	const summary: ChecklistSummary = { yes: 0, partly: 0, no: 0, open: 0 };
	for (const item of items) {
		const { answer } = checkAnswerOf(answers, step, item);
		summary[answer === '' ? 'open' : answer] += 1;
	}
	return summary;
}

/** What one participant proposes for one item; the facilitator decides the group's answer. */
export type CheckProposal = {
	step: string;
	item: string;
	participant: string;
	answer: Exclude<CheckAnswer, ''>;
};

/** A participant's proposal for one item; an empty answer takes it back. */
export function proposeCheckAnswer(
	doc: Y.Doc,
	proposal: { step: string; item: string; participant: string; answer: CheckAnswer },
	origin: Origin = USER_ORIGIN
): void {
	if (proposal.answer !== '' && !(CHECK_ANSWERS as readonly string[]).includes(proposal.answer)) {
		throw new RangeError(`unknown answer "${proposal.answer}"`);
	}
	const key = keyOf(proposal.step, proposal.item, proposal.participant);
	doc.transact(() => {
		if (proposal.answer === '') checkProposalsRoot(doc).delete(key);
		else checkProposalsRoot(doc).set(key, proposal.answer);
	}, origin);
}

export function checkProposalsFromYdoc(doc: Y.Doc): CheckProposal[] {
	const proposals: CheckProposal[] = [];
	checkProposalsRoot(doc).forEach((answer, key) => {
		const [step, item, participant] = partsOf(key);
		if (!step || !item || !participant) return;
		if (!(CHECK_ANSWERS as readonly unknown[]).includes(answer)) return;
		proposals.push({ step, item, participant, answer: answer as CheckProposal['answer'] });
	});
	return proposals.sort(
		(a, b) =>
			a.step.localeCompare(b.step) ||
			a.item.localeCompare(b.item) ||
			a.participant.localeCompare(b.participant)
	);
}

/** How many participants propose yes, partly and no for one item. */
export function proposalCounts(
	proposals: readonly CheckProposal[],
	step: string,
	item: string
): Record<'yes' | 'partly' | 'no', number> {
	const counts = { yes: 0, partly: 0, no: 0 };
	for (const p of proposals) if (p.step === step && p.item === item) counts[p.answer] += 1;
	return counts;
}

/** The answer `participant` proposes for the item, or ''. */
export function proposalOf(
	proposals: readonly CheckProposal[],
	step: string,
	item: string,
	participant: string
): CheckAnswer {
	return (
		proposals.find((p) => p.step === step && p.item === item && p.participant === participant)
			?.answer ?? ''
	);
}
