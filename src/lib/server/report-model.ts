// The report model of a room (report/build.ts) as the server reads it, for the pages that show
// part of it elsewhere: the feedback page for residents and the comparison of a workspace's
// sessions. Always anonymous: names and introduction rounds never leave through these.
import { ballotsFromYdoc } from '../board/ballots';
import { fromYdoc, withCountedVotes } from '../board/snapshot';
import { buildReport, type Report } from '../report';
import type { CompareSession } from '../report/compare';
import type { ReportInput } from '../report/blocks';
import { inVariant, type Locale } from '../workshop/types';
import type { App } from './app';
import { HttpError } from './http';
import { loadDoc } from './report';
import { workshopOfRoom } from './room-workshop';
import type { Room } from './rooms';
import { TALLY_DOC } from './sync/drafts';

function anonymousInput(app: App, room: Room, locale: Locale): ReportInput {
	const running = workshopOfRoom(app.rooms, room);
	if (!running.workshop) throw new HttpError(500, running.note);
	const workshop = inVariant(running.workshop, room.variant);
	const labels = Object.fromEntries(
		Object.entries(workshop.labels ?? {}).map(([id, text]) => [id, text[locale]])
	);
	app.sync.prepareRoom(room.id);
	const control = loadDoc(app, room.id, 'control');
	const board = loadDoc(app, room.id, 'board');
	const counted = ballotsFromYdoc(loadDoc(app, room.id, TALLY_DOC));
	return {
		title: room.title,
		createdAt: room.createdAt,
		workshop,
		variant: room.variant,
		snapshot: withCountedVotes(fromYdoc(control, board), counted),
		participants: app.rooms.participantCount(room.id),
		locale,
		names: false,
		labels
	};
}

export function anonymousReport(app: App, room: Room, locale: Locale): Report {
	return buildReport(anonymousInput(app, room, locale));
}

/** A session as the comparison reads it: its report model, snapshot, workshop and labels. */
export function comparedSession(app: App, room: Room, locale: Locale): CompareSession {
	const input = anonymousInput(app, room, locale);
	return {
		id: room.id,
		title: room.title,
		createdAt: room.createdAt,
		report: buildReport(input),
		snapshot: input.snapshot,
		workshop: input.workshop,
		labels: input.labels ?? {}
	};
}
