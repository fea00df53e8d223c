// Privacy by default: names and introductions (round steps) only when the facilitator ticks them;
// hidden (moderated) cards never leave the server, in any format, JSON included.
import { describe, expect, it } from 'vitest';
import {
	buildExport,
	buildReport,
	reportToCsv,
	reportToHtml,
	reportToMarkdown
} from '../../src/lib/report';
import { addNote } from '../../src/lib/board';
import { CREATED_AT, FIXTURE_WORKSHOP, fixtureRoom, LABELS } from '../fixtures/report-room';

const ROUNDS = FIXTURE_WORKSHOP.steps.filter((s) => s.type === 'round').map((s) => s.id);
const PRIVATE = ['An, buurtwerker bij het OCMW', 'Vrijwilliger bij de voedselbank', '<b>Eve</b>'];

function report(names: boolean) {
	return buildReport({
		title: 'Zorgzame buurt',
		createdAt: CREATED_AT,
		workshop: FIXTURE_WORKSHOP,
		snapshot: fixtureRoom().snapshot,
		participants: 3,
		locale: 'nl',
		names,
		labels: LABELS
	});
}

function exported(names: boolean) {
	const { control, board } = fixtureRoom();
	// A name on a note outside the rounds: the name goes, the note stays.
	const note = { step: 'denkoefening', author: 'p4', column: 'wie', created: CREATED_AT };
	addNote(board, { ...note, id: 'n1', text: 'Een warme buurt', authorName: 'Chloë Peeters' });
	const room = { title: 'Zorgzame buurt', workshop: FIXTURE_WORKSHOP.id, createdAt: CREATED_AT };
	const json = buildExport(room, control, board, [], { names, privateSteps: ROUNDS });
	// Everything the file carries: the readable snapshot and the Yjs states, decoded.
	const state = Buffer.from(json.state.board, 'base64').toString('latin1');
	return { json, text: JSON.stringify(json.snapshot) + state };
}

describe('privacy by default', () => {
	it('leaves names and introductions out of every rendered format unless allowed', () => {
		const closed = report(false);
		for (const out of [reportToMarkdown(closed), reportToHtml(closed)]) {
			expect(out).not.toContain('An, buurtwerker');
			expect(out).not.toContain('voedselbank');
			expect(out).not.toMatch(/Eve/);
			expect(out).toContain('blijven uit het rapport');
		}
		const open = reportToMarkdown(report(true));
		expect(open).toContain('An, buurtwerker bij het OCMW (An)');
	});

	it('leaves round notes and names out of the CSV unless allowed', () => {
		const { snapshot } = fixtureRoom();
		const closed = reportToCsv(snapshot, FIXTURE_WORKSHOP, { names: false, locale: 'nl' });
		for (const text of PRIVATE) expect(closed).not.toContain(text.replace(/"/g, '""'));
		const open = reportToCsv(snapshot, FIXTURE_WORKSHOP, { names: true, locale: 'nl' });
		expect(open).toContain('An, buurtwerker bij het OCMW');
	});

	it('leaves names, introductions and hidden cards out of the JSON export, Yjs state included', () => {
		const { json, text } = exported(false);
		for (const secret of [...PRIVATE, 'Dit wordt verborgen']) expect(text).not.toContain(secret);
		expect(json.snapshot.board.notes.some((n) => n.authorName)).toBe(false);
		expect(text).toContain('Een warme buurt');
		expect(text).not.toContain('Peeters');
	});

	it('keeps names when allowed, but never hidden cards', () => {
		const { text } = exported(true);
		expect(text).toContain('An, buurtwerker bij het OCMW');
		expect(text).toContain('<b>Eve</b>');
		expect(text).not.toContain('Dit wordt verborgen');
	});
});
