// What a workspace page and "Mijn sessies" show of one session: the server's answer and the
// browser's reading of it share this shape.
import type { Localized } from '../workshop/types';

export type SessionState = 'new' | 'running' | 'done';

export type SessionSummary = {
	id: string;
	title: string;
	workshop: { id: string; title: Localized | null };
	createdAt: string;
	lastActiveAt: string;
	participants: number;
	joinCode: string;
	joiningOpen: boolean;
	/** The step the session is at (1-based) and how many it has. */
	step: number;
	steps: number;
	state: SessionState;
};
