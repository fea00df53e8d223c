// WebSocket close codes the sync server uses; each refusal also writes a log line.
export const CLOSE = {
	/** A frame larger than MAX_FRAME_BYTES (set by ws itself). */
	frameTooLarge: 1009,
	storageFailed: 1011,
	restarting: 1012,
	malformedMessage: 4400,
	roomDeleted: 4404,
	documentTooLarge: 4413,
	tooManyUpdates: 4429,
	/** The server could not handle what the client wrote (logged as room_error); other rooms go on. */
	changeFailed: 4500
} as const;
