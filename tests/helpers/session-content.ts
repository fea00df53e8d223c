// A session of the main workshop filled through a real facilitator client: vision sentences,
// themes (clusters of the "beeld" brainstorm), ratings of the building blocks and confirmed
// actions, for the feedback page and the comparison report.
import {
	addNote,
	createCluster,
	moveToCluster,
	proposeAction,
	rateBlock,
	setActionStatus,
	setSynthesis,
	type Rating
} from '../../src/lib/board';
import type { Client } from './server';
import { testNote } from './server';

export type SessionContent = {
	vision?: string[];
	synthesis?: string;
	themes?: Record<string, string[]>;
	ratings?: Record<string, Rating[]>;
	actions?: { title: string; block: string; lead?: string; partners?: string }[];
	/** A name a participant typed, to check it never leaves. */
	authorName?: string;
};

export function fillSession(
	board: Client,
	control: Client,
	prefix: string,
	content: SessionContent
) {
	let n = 0;
	const id = () => `${prefix}-${++n}`;
	const created = Date.UTC(2026, 10, 3, 10, 0, 0);
	for (const text of content.vision ?? [])
		addNote(
			board.doc,
			testNote(id(), {
				step: 'visie',
				text,
				authorName: content.authorName ?? '',
				created: created + n
			})
		);
	for (const [title, notes] of Object.entries(content.themes ?? {})) {
		const cluster = id();
		createCluster(board.doc, { id: cluster, step: 'beeld', title, created });
		for (const text of notes) {
			const note = id();
			addNote(
				board.doc,
				testNote(note, {
					step: 'beeld',
					text,
					authorName: content.authorName ?? '',
					created: created + n
				})
			);
			moveToCluster(board.doc, note, cluster);
		}
	}
	for (const [block, ratings] of Object.entries(content.ratings ?? {}))
		ratings.forEach((rating, i) =>
			rateBlock(board.doc, { step: 'referentiekader', participant: `p${i}`, block, rating })
		);
	for (const action of content.actions ?? []) {
		const actionId = id();
		proposeAction(board.doc, {
			id: actionId,
			step: 'aan-de-slag',
			author: 'p',
			created,
			...action
		});
		setActionStatus(board.doc, actionId, 'confirmed');
	}
	if (content.synthesis) setSynthesis(control.doc, 'vision', content.synthesis);
}
