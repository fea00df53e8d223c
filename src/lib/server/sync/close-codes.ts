// WebSocket close codes the sync server uses; each refusal also writes a log line.
export const CLOSE = {
	/** A frame larger than MAX_FRAME_BYTES (set by ws itself). */
	frameTooLarge: 1009,
	storageFailed: 1011,
	restarting: 1012,
	/** A message that cannot be read, or an update whose declared counts exceed its bytes. */
	malformedMessage: 4400,
	/** Too many changes the client's role may not make (each was put back). */
	refused: 4403,
	roomDeleted: 4404,
	documentTooLarge: 4413,
	/** An update that depends on changes the server does not have (nothing of it was kept). */
	incompleteUpdate: 4422,
	/** Document updates past UPDATES_PER_SECOND, counted per key across its connections. */
	tooManyUpdates: 4429,
	/** Presence (awareness) messages past AWARENESS_PER_SECOND, counted per key. */
	tooManyPresence: 4430,
	/** A presence state over MAX_AWARENESS_BYTES, more ids than AWARENESS_IDS_PER_CONNECTION, or another client's id. */
	presenceRefused: 4431,
	/** Sync step 1 or presence queries (each answered with a whole document or all presence) past SYNC_REQUESTS_PER_MINUTE, per key. */
	tooManyRequests: 4432,
	/** The server could not handle what the client wrote (logged as room_error); other rooms go on. */
	changeFailed: 4500
} as const;
