// Feedback to residents: after the session the facilitator publishes a read-only page with the
// vision, the top themes and the action plan, in plain words and without names. The page has
// its own random address (no key of any role in it); what it shows is fixed when it is published
// (the facilitator publishes again to bring it up to date) and gone when it is unpublished.
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { m } from '../paraglide/messages';
import type { ReportBlock } from '../report/model';
import { LOCALES, type Locale } from '../workshop/types';
import { requireAccess } from './api';
import type { App } from './app';
import { HttpError } from './http';
import { anonymousReport } from './report-model';
import { statement } from './statements';

/** The sections residents get back, in this order. */
export const FEEDBACK_SECTIONS = ['vision', 'themes', 'plan'] as const;

export type FeedbackSection = {
	id: string;
	title: string;
	synthesis: string;
	blocks: ReportBlock[];
};

export type FeedbackPage = {
	locale: Locale;
	title: string;
	workshopTitle: string;
	dateText: string;
	participants: number;
	sections: FeedbackSection[];
	publishedAt: string;
};

export type FeedbackState = { published: boolean; id: string | null; publishedAt: string | null };

export const PublishBody = v.object({
	lang: v.optional(v.picklist(LOCALES, `lang must be one of ${LOCALES.join(', ')}`), 'nl')
});

type Row = { id: string; content: string | null; published_at: number | null };

function rowOf(app: App, roomId: string): Row | null {
	return (
		(statement(
			app.db,
			'SELECT id, content, published_at FROM feedback_pages WHERE room_id = ?'
		).get(roomId) as Row | undefined) ?? null
	);
}

const stateOf = (row: Row | null): FeedbackState => ({
	published: !!row?.content,
	id: row?.content ? row.id : null,
	publishedAt: row?.content && row.published_at ? new Date(row.published_at).toISOString() : null
});

/** No names: the column of who takes an action on (a person, often) leaves every table. */
function withoutNames(blocks: ReportBlock[], locale: Locale): ReportBlock[] {
	const lead = m.report_action_lead({}, { locale });
	return blocks.map((block) => {
		if (block.kind === 'items')
			return { ...block, items: block.items.map((item) => ({ ...item, author: '' })) };
		if (block.kind !== 'table') return block;
		const drop = block.columns.indexOf(lead);
		if (drop < 0) return block;
		return {
			...block,
			columns: block.columns.filter((_, i) => i !== drop),
			rows: block.rows.map((row) => row.filter((_, i) => i !== drop))
		};
	});
}

/** The page as it is published now, from the room's report (anonymous). */
export function feedbackPage(app: App, roomId: string, locale: Locale): FeedbackPage {
	const room = app.rooms.get(roomId);
	if (!room) throw new HttpError(404, 'no such room');
	const report = anonymousReport(app, room, locale);
	const sections = FEEDBACK_SECTIONS.flatMap((id) => {
		const section = report.sections.find((s) => s.id === id);
		return section
			? [
					{
						id,
						title: section.title,
						synthesis: section.synthesis,
						blocks: withoutNames(section.blocks, locale)
					}
				]
			: [];
	});
	return {
		locale,
		title: report.title,
		workshopTitle: report.workshopTitle,
		dateText: report.dateText,
		participants: report.participants,
		sections,
		publishedAt: new Date(app.clock.now()).toISOString()
	};
}

function requireFacilitator(app: App, roomId: string, key: string | null) {
	const { access } = requireAccess(app, roomId, key);
	if (access.role !== 'facilitator')
		throw new HttpError(403, 'only the facilitator key publishes or unpublishes the feedback page');
}

/** Whether the room's feedback page is published, and its id; any key of the room may ask. */
export function feedbackState(app: App, roomId: string, key: string | null): FeedbackState {
	requireAccess(app, roomId, key);
	return stateOf(rowOf(app, roomId));
}

/** Publishes (or brings up to date) the feedback page; it keeps its address. */
export function publishFeedback(
	app: App,
	roomId: string,
	key: string | null,
	locale: Locale
): FeedbackState {
	requireFacilitator(app, roomId, key);
	const content = JSON.stringify(feedbackPage(app, roomId, locale));
	const now = app.clock.now();
	const existing = rowOf(app, roomId);
	if (existing)
		statement(
			app.db,
			'UPDATE feedback_pages SET content = ?, published_at = ? WHERE room_id = ?'
		).run(content, now, roomId);
	else
		statement(
			app.db,
			'INSERT INTO feedback_pages (id, room_id, content, published_at) VALUES (?, ?, ?, ?)'
		).run(randomBytes(16).toString('base64url'), roomId, content, now);
	app.rooms.touch(roomId);
	app.log('info', 'feedback_published', { room: roomId });
	return stateOf(rowOf(app, roomId));
}

/** Takes the page offline; publishing again brings it back at the same address. */
export function unpublishFeedback(app: App, roomId: string, key: string | null): FeedbackState {
	requireFacilitator(app, roomId, key);
	statement(
		app.db,
		'UPDATE feedback_pages SET content = NULL, published_at = NULL WHERE room_id = ?'
	).run(roomId);
	app.log('info', 'feedback_unpublished', { room: roomId });
	return stateOf(rowOf(app, roomId));
}

/** The published page by its own id, or null (never published, unpublished, room erased). */
export function publishedFeedback(app: App, id: string): FeedbackPage | null {
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
	const row = statement(app.db, 'SELECT content FROM feedback_pages WHERE id = ?').get(id) as
		{ content: string | null } | undefined;
	return row?.content ? (JSON.parse(row.content) as FeedbackPage) : null;
}
