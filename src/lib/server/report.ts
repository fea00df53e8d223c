// Reports and exports read from SQLite, the source of truth: what any client has seen is there.
import * as Y from 'yjs';
import { applyStored } from './doc-store';
import { ballotsFromYdoc } from '../board/ballots';
import { LOAD_ORIGIN } from '../board/origins';
import { DocumentTooNewError, migrate, versionedKindOf } from '../board/schema';
import { fromYdoc, withCountedVotes } from '../board/snapshot';
import {
	buildReport,
	isPrivateStep,
	plannedMinutes,
	reportToCsv,
	reportToDocx,
	reportToHtml,
	reportToMarkdown
} from '../report';
import { buildExport } from '../report/export';
import { planToCsv } from '../report/plan';
import { pageOfParts } from '../report/text';
import { reportToXlsx } from '../report/xlsx';
import { workshopOfRoom } from './room-workshop';
import { inVariant, type Locale } from '../workshop/types';
import type { App } from './app';
import { requireAccess } from './api';
import { HttpError } from './http';
import { importedParticipants } from './import';
import { renderPdf } from './pdf';
import { TALLY_DOC } from './sync/drafts';

/** `plan.csv`: the multi-year plan's table on its own (confirmed actions by objective). */
export const REPORT_FORMATS = [
	'md',
	'html',
	'pdf',
	'docx',
	'csv',
	'xlsx',
	'plan.csv',
	'json'
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ReportFormat, string> = {
	md: 'text/markdown; charset=utf-8',
	html: 'text/html; charset=utf-8',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'plan.csv': 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8'
};

/**
 * A stored document as the current code reads it: raised to SCHEMA_VERSION in memory (the sync
 * server stores migrations when it loads a document; a report of a room nobody opened since an
 * upgrade must read the same). A document from a newer program is refused with 409.
 */
export function loadDoc(app: App, roomId: string, name: string): Y.Doc {
	const stored = app.store.load(roomId, name);
	const doc = new Y.Doc();
	applyStored(doc, stored, LOAD_ORIGIN);
	const kind = versionedKindOf(name);
	try {
		if (kind) migrate(doc, kind);
	} catch (error) {
		if (error instanceof DocumentTooNewError) throw new HttpError(409, error.message);
		throw error;
	}
	return doc;
}

function fileName(title: string, format: ReportFormat): string {
	const slug =
		title
			.normalize('NFKD')
			.replace(/[^\w\s-]/g, '')
			.trim()
			.replace(/\s+/g, '-')
			.toLowerCase() || 'visierapport';
	return `${slug.slice(0, 60)}.${format}`;
}

export function isReportFormat(value: string): value is ReportFormat {
	return (REPORT_FORMATS as readonly string[]).includes(value);
}

export async function roomReport(
	app: App,
	roomId: string,
	key: string | null,
	format: ReportFormat,
	options: { locale: Locale; names: boolean }
): Promise<{ body: string | Uint8Array; contentType: string; fileName: string }> {
	const { room, access } = requireAccess(app, roomId, key);
	if (access.role === 'participant')
		throw new HttpError(403, 'the report needs the facilitator or viewer key');
	const running = workshopOfRoom(app.rooms, room);
	if (!running.workshop) throw new HttpError(500, running.note);
	const workshop = inVariant(running.workshop, room.variant);
	const labels = Object.fromEntries(
		Object.entries(workshop.labels ?? {}).map(([id, text]) => [id, text[options.locale]])
	);
	// A room stored before ballots left the board is migrated first (the sync server does it
	// when it loads the board), so that no report or export reads ballots from the board.
	app.sync.prepareRoom(roomId);
	const control = loadDoc(app, roomId, 'control');
	const board = loadDoc(app, roomId, 'board');
	// The ballots the server counted. The report shows totals for every vote, also one never
	// revealed (it says so): it is the facilitator's report, not a participant's view.
	const counted = ballotsFromYdoc(loadDoc(app, roomId, TALLY_DOC));
	const snapshot = withCountedVotes(fromYdoc(control, board), counted);
	const out = (body: string | Uint8Array) => ({
		body,
		contentType: CONTENT_TYPES[format],
		fileName: fileName(room.title, format)
	});
	// An imported room counts the participants it had where it ran (their keys never travel).
	const participants = Math.max(app.rooms.participantCount(roomId), importedParticipants(control));
	if (format === 'json')
		return out(
			JSON.stringify(
				buildExport(
					{ ...room, minutes: plannedMinutes(workshop, room.variant), participants },
					control,
					board,
					counted,
					{
						names: options.names,
						privateSteps: workshop.steps.filter(isPrivateStep).map((s) => s.id)
					}
				),
				null,
				2
			)
		);
	if (format === 'csv') return out(reportToCsv(snapshot, workshop, { ...options, labels }));
	if (format === 'plan.csv') return out(planToCsv(snapshot, workshop, { ...options, labels }));
	if (format === 'xlsx')
		return out(
			new Uint8Array(
				await reportToXlsx(snapshot, workshop, { ...options, labels, title: room.title })
			)
		);
	const report = buildReport({
		title: room.title,
		createdAt: room.createdAt,
		workshop,
		snapshot,
		participants,
		variant: room.variant,
		locale: options.locale,
		names: options.names,
		labels
	});
	if (format === 'md') return out(reportToMarkdown(report));
	if (format === 'docx') return out(new Uint8Array(await reportToDocx(report)));
	const html = reportToHtml(report);
	return out(format === 'pdf' ? await renderPdf(html, { pageOf: pageOfParts(report) }) : html);
}
