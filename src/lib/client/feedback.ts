// The feedback page to residents, from the console and the participant's page (README, API).
import { ApiError } from './api';

export type FeedbackState = { published: boolean; id: string | null; publishedAt: string | null };

async function call(roomId: string, key: string, init: RequestInit = {}): Promise<FeedbackState> {
	const response = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/feedback`, {
		...init,
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }
	});
	const body = await response.json().catch(() => ({}));
	if (!response.ok) throw new ApiError(response.status, body.error ?? response.statusText);
	return body as FeedbackState;
}

export const feedbackState = (roomId: string, key: string) => call(roomId, key);

export const publishFeedback = (roomId: string, key: string, lang: string) =>
	call(roomId, key, { method: 'POST', body: JSON.stringify({ lang }) });

export const unpublishFeedback = (roomId: string, key: string) =>
	call(roomId, key, { method: 'DELETE' });

export const feedbackUrl = (id: string) => `${location.origin}/terugkoppeling/${id}`;
