// Statement voting, secret until the reveal.
//
// A participant's ballot travels only to the server: it lives in their own private `draft`
// document (`${step}|${statement}` → choice), which only they and the server read. While voting
// is open the server copies each participant's ballots into the room's server-only `tally`
// document (`${step}|${participant}|${statement}` → choice) and writes to the control document
// only how many participants have voted per step. When the facilitator reveals the step, the
// server writes the totals per statement into the board. The board never holds who voted what.
import type * as Y from 'yjs';
import { SERVER_ORIGIN, USER_ORIGIN, type Origin } from './origins';
import { ballotsRoot, isSafeId, keyOf, partsOf, votedRoot, voteTotalsRoot } from './roots';

export const CHOICES = ['approve', 'reject', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
/** One participant's ballot, as the server counts it. */
export type Ballot = { step: string; participant: string; statement: string; choice: Choice };
/** A ballot in its owner's draft: the participant is the draft's owner. */
export type DraftBallot = Omit<Ballot, 'participant'>;

/** How a statement's votes become an outcome. */
export type DecisionRule = 'majority' | 'two-thirds';
export type Outcome = 'approved' | 'not-approved';
export type Tally = Record<Choice, number>;
/** The counts of one statement: what the board holds after the reveal. */
export type VoteTotal = {
	step: string;
	statement: string;
	tally: Tally;
	/** How many of the tally's votes are hand-counted paper ballots (paper.ts); absent: none. */
	paper?: number;
};

export const isChoice = (value: unknown): value is Choice =>
	(CHOICES as readonly unknown[]).includes(value);

// ---- A participant's draft -------------------------------------------------------------------

/** Casts (or changes) one's own vote on a statement, in one's own draft. */
export function castDraftBallot(
	draft: Y.Doc,
	ballot: DraftBallot,
	origin: Origin = USER_ORIGIN
): void {
	if (!isChoice(ballot.choice)) throw new RangeError(`unknown choice "${ballot.choice}"`);
	const key = keyOf(ballot.step, ballot.statement);
	draft.transact(() => ballotsRoot(draft).set(key, ballot.choice), origin);
}

export function withdrawDraftBallot(
	draft: Y.Doc,
	ballot: Omit<DraftBallot, 'choice'>,
	origin: Origin = USER_ORIGIN
): void {
	draft.transact(() => ballotsRoot(draft).delete(keyOf(ballot.step, ballot.statement)), origin);
}

/** The well-formed ballots of a draft; anything else in it is ignored. Never throws. */
export function draftBallotsFromYdoc(draft: Y.Doc): DraftBallot[] {
	const ballots: DraftBallot[] = [];
	ballotsRoot(draft).forEach((value, key) => {
		const parts = partsOf(key);
		if (parts.length !== 2 || !isChoice(value)) return;
		const [step, statement] = parts as [string, string];
		if (isSafeId(step) && isSafeId(statement)) ballots.push({ step, statement, choice: value });
	});
	return ballots.sort(
		(a, b) => a.step.localeCompare(b.step) || a.statement.localeCompare(b.statement)
	);
}

// ---- The server's tally (and the board of rooms stored before ballots left it) ---------------

/** One vote per participant and statement; voting again replaces it. */
export function castBallot(doc: Y.Doc, ballot: Ballot, origin: Origin = USER_ORIGIN): void {
	if (!isChoice(ballot.choice)) throw new RangeError(`unknown choice "${ballot.choice}"`);
	const key = keyOf(ballot.step, ballot.participant, ballot.statement);
	doc.transact(() => ballotsRoot(doc).set(key, ballot.choice), origin);
}

export function withdrawBallot(
	doc: Y.Doc,
	ballot: Omit<Ballot, 'choice'>,
	origin: Origin = USER_ORIGIN
): void {
	doc.transact(
		() => ballotsRoot(doc).delete(keyOf(ballot.step, ballot.participant, ballot.statement)),
		origin
	);
}

export function ballotsFromYdoc(doc: Y.Doc): Ballot[] {
	const ballots: Ballot[] = [];
	ballotsRoot(doc).forEach((value, key) => {
		const parts = partsOf(key);
		if (parts.length !== 3) return;
		const [step, participant, statement] = parts;
		if (step && participant && statement && isChoice(value))
			ballots.push({ step, participant, statement, choice: value });
	});
	return ballots.sort(
		(a, b) => a.participant.localeCompare(b.participant) || a.statement.localeCompare(b.statement)
	);
}

/**
 * Makes the tally hold exactly `draft`'s ballots of `steps` for one participant (the server,
 * while those steps are open). `accept` decides which statements count. Returns whether it changed.
 */
export function syncTally(
	tally: Y.Doc,
	participant: string,
	steps: readonly string[],
	draft: readonly DraftBallot[],
	accept: (step: string, statement: string) => boolean = () => true,
	origin: Origin = SERVER_ORIGIN
): boolean {
	if (!isSafeId(participant) || steps.length === 0) return false;
	const root = ballotsRoot(tally);
	const wanted = new Map<string, Choice>();
	for (const b of draft)
		if (steps.includes(b.step) && accept(b.step, b.statement))
			wanted.set(keyOf(b.step, participant, b.statement), b.choice);
	const removals: string[] = [];
	root.forEach((_value, key) => {
		const [step, who] = partsOf(key);
		if (who === participant && steps.includes(step!) && !wanted.has(key)) removals.push(key);
	});
	const sets = [...wanted].filter(([key, choice]) => root.get(key) !== choice);
	if (removals.length === 0 && sets.length === 0) return false;
	tally.transact(() => {
		for (const key of removals) root.delete(key);
		for (const [key, choice] of sets) root.set(key, choice);
	}, origin);
	return true;
}

/** How many different participants have a ballot, per step. */
export function voterCounts(ballots: readonly Ballot[]): Map<string, number> {
	const voters = new Map<string, Set<string>>();
	for (const b of ballots) {
		let set = voters.get(b.step);
		if (!set) voters.set(b.step, (set = new Set()));
		set.add(b.participant);
	}
	return new Map([...voters].map(([step, set]) => [step, set.size]));
}

/** Writes the number of voters per step into the control document (the server). */
export function recordVoted(
	control: Y.Doc,
	counts: ReadonlyMap<string, number>,
	origin: Origin = SERVER_ORIGIN
): void {
	const voted = votedRoot(control);
	const changes: [string, number][] = [];
	voted.forEach((value, step) => {
		if (!counts.has(step)) changes.push([step, 0]);
	});
	for (const [step, count] of counts) if (voted.get(step) !== count) changes.push([step, count]);
	if (changes.length === 0) return;
	control.transact(() => {
		for (const [step, count] of changes) {
			if (count > 0) voted.set(step, count);
			else voted.delete(step);
		}
	}, origin);
}

export function votedFromYdoc(control: Y.Doc): Record<string, number> {
	const voted: Record<string, number> = {};
	votedRoot(control).forEach((value, step) => {
		if (typeof value === 'number' && Number.isInteger(value) && value > 0) voted[step] = value;
	});
	return voted;
}

/** The totals of one step's ballots, per statement. */
export function totalsOf(ballots: readonly Ballot[], step: string): VoteTotal[] {
	const statements = [...new Set(ballots.filter((b) => b.step === step).map((b) => b.statement))];
	return statements.sort().map((statement) => ({
		step,
		statement,
		tally: tallyBallots(ballots, step, statement)
	}));
}

/** Replaces one step's totals on the board (the server, at the reveal). */
export function writeVoteTotals(
	board: Y.Doc,
	step: string,
	totals: readonly VoteTotal[],
	origin: Origin = SERVER_ORIGIN
): void {
	const root = voteTotalsRoot(board);
	board.transact(() => {
		root.forEach((_value, key) => {
			if (partsOf(key)[0] === step) root.delete(key);
		});
		for (const t of totals) {
			if (t.step !== step) continue;
			root.set(keyOf(step, t.statement), { ...t.tally });
		}
	}, origin);
}

const count = (value: unknown): number =>
	typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;

export function voteTotalsFromYdoc(board: Y.Doc): VoteTotal[] {
	const totals: VoteTotal[] = [];
	voteTotalsRoot(board).forEach((value, key) => {
		const parts = partsOf(key);
		if (parts.length !== 2 || !parts[0] || !parts[1]) return;
		if (typeof value !== 'object' || value === null) return;
		const v = value as Record<string, unknown>;
		totals.push({
			step: parts[0],
			statement: parts[1],
			tally: { approve: count(v.approve), reject: count(v.reject), abstain: count(v.abstain) }
		});
	});
	return totals.sort(
		(a, b) => a.step.localeCompare(b.step) || a.statement.localeCompare(b.statement)
	);
}

// ---- Counting ---------------------------------------------------------------------------------

export function tallyBallots(ballots: readonly Ballot[], step: string, statement: string): Tally {
	const tally: Tally = { approve: 0, reject: 0, abstain: 0 };
	for (const b of ballots) if (b.step === step && b.statement === statement) tally[b.choice] += 1;
	return tally;
}

/** Abstentions do not count; a tie is not a majority. */
export function outcomeOf(tally: Tally, rule: DecisionRule = 'majority'): Outcome {
	const cast = tally.approve + tally.reject;
	if (cast === 0) return 'not-approved';
	const approved = rule === 'two-thirds' ? tally.approve * 3 >= cast * 2 : tally.approve * 2 > cast;
	return approved ? 'approved' : 'not-approved';
}

/**
 * Where a vote step stands. Voting is closed until the facilitator opens it (so the group can
 * read the statements first); revealing the results ends the voting.
 */
export type VotingPhase = 'closed' | 'open' | 'revealed';

export function votingPhase(
	control: { votingSteps: readonly string[]; revealedSteps: readonly string[] },
	step: string
): VotingPhase {
	if (control.revealedSteps.includes(step)) return 'revealed';
	return control.votingSteps.includes(step) ? 'open' : 'closed';
}

/** One participant's choice per statement in a step. */
export function choicesOf(
	ballots: readonly Ballot[],
	step: string,
	participant: string
): Record<string, Choice> {
	const choices: Record<string, Choice> = {};
	for (const b of ballots)
		if (b.step === step && b.participant === participant) choices[b.statement] = b.choice;
	return choices;
}

/** One's own choice per statement in a step, from one's draft. */
export function draftChoices(
	ballots: readonly DraftBallot[],
	step: string
): Record<string, Choice> {
	const choices: Record<string, Choice> = {};
	for (const b of ballots) if (b.step === step) choices[b.statement] = b.choice;
	return choices;
}

export type StatementResult = {
	statement: string;
	tally: Tally;
	voters: number;
	outcome: Outcome;
	/** How many of the votes are hand-counted paper ballots; absent: none. */
	paper?: number;
};

/** Tally and outcome per statement, in the order given, from the totals; `voters` counts every ballot. */
export function resultsFromTotals(
	totals: readonly VoteTotal[],
	step: string,
	statements: readonly string[],
	rule: DecisionRule = 'majority'
): StatementResult[] {
	return statements.map((statement) => {
		const found = totals.find((t) => t.step === step && t.statement === statement);
		const tally = found ? { ...found.tally } : { approve: 0, reject: 0, abstain: 0 };
		const voters = tally.approve + tally.reject + tally.abstain;
		const result = { statement, tally, voters, outcome: outcomeOf(tally, rule) };
		return found?.paper ? { ...result, paper: found.paper } : result;
	});
}

/** Tally and outcome per statement, in the order given, from ballots. */
export function voteResults(
	ballots: readonly Ballot[],
	step: string,
	statements: readonly string[],
	rule: DecisionRule = 'majority'
): StatementResult[] {
	return resultsFromTotals(totalsOf(ballots, step), step, statements, rule);
}

/** How many different participants cast at least one ballot in a step. */
export function voterCount(ballots: readonly Ballot[], step: string): number {
	return voterCounts(ballots).get(step) ?? 0;
}

// ---- Rooms stored before ballots left the board ----------------------------------------------

export type LegacyBallotDocs = {
	board: Y.Doc;
	control: Y.Doc;
	tally: Y.Doc;
	/** The participant's draft, or null when the participant is unknown to the room. */
	draftOf: (participant: string) => Y.Doc | null;
	revealedSteps: readonly string[];
};

/**
 * Moves the ballots a board still holds (rooms stored before ballots left it) to where they live
 * now: into the server's tally, into each participant's own draft (so they still see their
 * choice), into totals for steps already revealed, and the voter counts into control; then
 * deletes them from the board. Returns how many ballots moved; 0 when there were none.
 */
export function migrateLegacyBallots(
	docs: LegacyBallotDocs,
	origin: Origin = SERVER_ORIGIN
): number {
	const { board, control, tally } = docs;
	const legacy = ballotsFromYdoc(board);
	const root = ballotsRoot(board);
	if (root.size === 0) return 0;
	const valid = legacy.filter(
		(b) => isSafeId(b.step) && isSafeId(b.participant) && isSafeId(b.statement)
	);
	tally.transact(() => {
		for (const b of valid) {
			const key = keyOf(b.step, b.participant, b.statement);
			if (!ballotsRoot(tally).has(key)) ballotsRoot(tally).set(key, b.choice);
		}
	}, origin);
	for (const participant of new Set(valid.map((b) => b.participant))) {
		const draft = docs.draftOf(participant);
		if (!draft) continue;
		draft.transact(() => {
			for (const b of valid.filter((b) => b.participant === participant)) {
				const key = keyOf(b.step, b.statement);
				if (!ballotsRoot(draft).has(key)) ballotsRoot(draft).set(key, b.choice);
			}
		}, origin);
	}
	const counted = ballotsFromYdoc(tally);
	for (const step of new Set(valid.map((b) => b.step))) {
		if (docs.revealedSteps.includes(step))
			writeVoteTotals(board, step, totalsOf(counted, step), origin);
	}
	recordVoted(control, voterCounts(counted), origin);
	board.transact(() => {
		for (const key of [...root.keys()]) root.delete(key);
	}, origin);
	return valid.length;
}
