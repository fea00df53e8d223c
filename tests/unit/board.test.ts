import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	addTimerTime,
	agendaOf,
	beginSession,
	isStepLocked,
	setPaused,
	setStepLocked,
	controlFromYdoc,
	deleteNote,
	editNote,
	fromYdoc,
	goToStep,
	migrate,
	nextStep,
	NoteError,
	notesFromYdoc,
	pauseTimer,
	previousStep,
	resetTimer,
	resumeTimer,
	SCHEMA_VERSION,
	schemaVersionOf,
	setNoteHidden,
	startTimer,
	timerRemainingMs,
	visibleNotes
} from '../../src/lib/board';

const note = (id: string, created = 1, text = `tekst ${id}`) => ({
	id,
	text,
	step: 's1',
	author: 'p1',
	authorName: ' An ',
	created
});

describe('control document', () => {
	it('starts at step 0 with an idle timer, nothing locked, not paused', () => {
		expect(controlFromYdoc(new Y.Doc())).toEqual({
			stepIndex: 0,
			timer: { status: 'idle', durationMs: 0 },
			paused: false,
			lockedSteps: [],
			startedAt: null,
			enteredAt: null,
			spentMs: {},
			revealedSteps: [],
			votingSteps: [],
			waiting: {},
			voted: {},
			synthesis: {}
		});
	});

	it('records the time spent per step and builds the agenda', () => {
		const doc = new Y.Doc();
		beginSession(doc, 1_000);
		beginSession(doc, 5_000);
		goToStep(doc, 1, 3, 61_000);
		goToStep(doc, 2, 3, 181_000);
		goToStep(doc, 1, 3, 241_000);
		const control = controlFromYdoc(doc);
		expect(control.startedAt).toBe(1_000);
		expect(control.spentMs).toEqual({ 0: 60_000, 1: 120_000, 2: 60_000 });
		const agenda = agendaOf([1, 2, 5], control, 271_000);
		expect(agenda.rows.map((r) => [r.state, r.actualMs, r.plannedMs])).toEqual([
			['done', 60_000, 60_000],
			['current', 150_000, 120_000],
			['upcoming', 60_000, 300_000]
		]);
		expect(agenda.plannedTotalMs).toBe(480_000);
		expect(agenda.elapsedMs).toBe(270_000);
		expect(agenda.plannedUntilNowMs).toBe(180_000);
	});

	it('locks steps and pauses the session', () => {
		const doc = new Y.Doc();
		setStepLocked(doc, 'b', true);
		setStepLocked(doc, 'a', true);
		setStepLocked(doc, 'b', false);
		setPaused(doc, true);
		const control = controlFromYdoc(doc);
		expect(control.lockedSteps).toEqual(['a']);
		expect(isStepLocked(control, 'a')).toBe(true);
		expect(isStepLocked(control, 'b')).toBe(false);
		expect(control.paused).toBe(true);
	});

	it('adds time to a running, paused or idle timer', () => {
		const doc = new Y.Doc();
		addTimerTime(doc, 120_000, 0);
		expect(controlFromYdoc(doc).timer).toEqual({ status: 'idle', durationMs: 120_000 });
		startTimer(doc, 60_000, 0);
		addTimerTime(doc, 60_000, 10_000);
		expect(timerRemainingMs(controlFromYdoc(doc).timer, 10_000)).toBe(110_000);
		pauseTimer(doc, 10_000);
		addTimerTime(doc, -200_000, 10_000);
		expect(timerRemainingMs(controlFromYdoc(doc).timer, 10_000)).toBe(0);
		expect(() => addTimerTime(doc, Number.NaN, 0)).toThrow(RangeError);
	});

	it('moves next and previous within the workshop', () => {
		const doc = new Y.Doc();
		nextStep(doc, 3);
		nextStep(doc, 3);
		nextStep(doc, 3);
		expect(controlFromYdoc(doc).stepIndex).toBe(2);
		previousStep(doc, 3);
		expect(controlFromYdoc(doc).stepIndex).toBe(1);
		goToStep(doc, -5, 3);
		expect(controlFromYdoc(doc).stepIndex).toBe(0);
		previousStep(doc, 3);
		expect(controlFromYdoc(doc).stepIndex).toBe(0);
		expect(() => goToStep(doc, 0, 0)).toThrow(RangeError);
	});

	it('runs, pauses, resumes and resets a timer', () => {
		const doc = new Y.Doc();
		startTimer(doc, 60_000, 1000);
		expect(timerRemainingMs(controlFromYdoc(doc).timer, 31_000)).toBe(30_000);
		pauseTimer(doc, 31_000);
		expect(controlFromYdoc(doc).timer).toEqual({
			status: 'paused',
			durationMs: 60_000,
			remainingMs: 30_000
		});
		expect(timerRemainingMs(controlFromYdoc(doc).timer, 99_999)).toBe(30_000);
		resumeTimer(doc, 100_000);
		expect(timerRemainingMs(controlFromYdoc(doc).timer, 140_000)).toBe(-10_000);
		resetTimer(doc);
		expect(controlFromYdoc(doc).timer.status).toBe('idle');
		expect(() => startTimer(doc, 0, 0)).toThrow(RangeError);
		expect(() => startTimer(doc, Number.NaN, 0)).toThrow(RangeError);
	});

	it('resets the timer when the step changes', () => {
		const doc = new Y.Doc();
		startTimer(doc, 60_000, 0);
		nextStep(doc, 5);
		expect(controlFromYdoc(doc).timer.status).toBe('idle');
	});
});

describe('notes', () => {
	it('adds, edits, hides and deletes notes', () => {
		const doc = new Y.Doc();
		addNote(doc, note('b', 2));
		addNote(doc, note('a', 1));
		expect(notesFromYdoc(doc).map((n) => n.id)).toEqual(['a', 'b']);
		expect(notesFromYdoc(doc)[0]!.authorName).toBe('An');
		editNote(doc, 'a', '  nieuw  ');
		expect(notesFromYdoc(doc)[0]!.text).toBe('nieuw');
		setNoteHidden(doc, 'a', true);
		expect(visibleNotes(notesFromYdoc(doc)).map((n) => n.id)).toEqual(['b']);
		deleteNote(doc, 'b');
		expect(notesFromYdoc(doc).map((n) => n.id)).toEqual(['a']);
	});

	it('refuses empty, too long, duplicate and unknown notes', () => {
		const doc = new Y.Doc();
		expect(() => addNote(doc, note('x', 1, '   '))).toThrow(NoteError);
		expect(() => addNote(doc, note('x', 1, 'x'.repeat(501)))).toThrow(NoteError);
		addNote(doc, note('x'));
		expect(() => addNote(doc, note('x'))).toThrow(/exists/);
		expect(() => editNote(doc, 'nope', 'tekst')).toThrow(/no note/);
		expect(() => deleteNote(doc, 'nope')).toThrow(/no note/);
	});

	it('keeps participant text as plain data', () => {
		const doc = new Y.Doc();
		addNote(doc, note('h', 1, '<script>alert(1)</script>'));
		expect(notesFromYdoc(doc)[0]!.text).toBe('<script>alert(1)</script>');
	});

	it('filters visible notes per step', () => {
		const doc = new Y.Doc();
		addNote(doc, { ...note('a'), step: 's1' });
		addNote(doc, { ...note('b'), step: 's2' });
		expect(visibleNotes(notesFromYdoc(doc), 's2').map((n) => n.id)).toEqual(['b']);
	});

	it('converges when two peers write concurrently', () => {
		const [one, two] = [new Y.Doc(), new Y.Doc()];
		addNote(one, note('1'));
		addNote(two, note('2'));
		editNote(one, '1', 'een');
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		expect(notesFromYdoc(one)).toEqual(notesFromYdoc(two));
		expect(notesFromYdoc(one)).toHaveLength(2);
	});
});

describe('snapshot and schema', () => {
	it('gives a plain snapshot of both documents', () => {
		const control = new Y.Doc();
		const board = new Y.Doc();
		goToStep(control, 2, 5);
		addNote(board, note('a'));
		const snapshot = fromYdoc(control, board);
		expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
		expect(snapshot.control.stepIndex).toBe(2);
		expect(snapshot.board.notes).toHaveLength(1);
	});

	it('migrates once to the current schema version', () => {
		const doc = new Y.Doc();
		expect(schemaVersionOf(doc)).toBe(0);
		expect(migrate(doc)).toEqual([SCHEMA_VERSION]);
		expect(migrate(doc)).toEqual([]);
		expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION);
	});
});
