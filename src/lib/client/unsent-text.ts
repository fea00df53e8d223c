// A participant's unsent text, kept on the device per room, step and field: moving on, passing
// an info step, a reload or a lost connection never throws it away, and it never flows into
// another question's field. Only the device keeps it; the others learn at most that someone in
// this step is still typing (presence, never the text).

const PREFIX = 'visiewerkplaats:';
const keyOf = (roomId: string, stepId: string, field: string) =>
	`${PREFIX}${roomId}:unsent:${stepId}:${field}`;

/** Texts longer than this are cut (the note fields hold 500 characters; actions more). */
const MAX_TEXT = 4000;

export function readUnsent(roomId: string, stepId: string, field: string): string {
	try {
		return localStorage.getItem(keyOf(roomId, stepId, field)) ?? '';
	} catch {
		return '';
	}
}

/** Keeps `text` for the field; an empty (or blank) text removes it. */
export function writeUnsent(roomId: string, stepId: string, field: string, text: string): void {
	try {
		if (text.trim()) localStorage.setItem(keyOf(roomId, stepId, field), text.slice(0, MAX_TEXT));
		else localStorage.removeItem(keyOf(roomId, stepId, field));
	} catch {
		// Private mode or a full storage: the text stays in the field for this visit.
	}
}

/** Every unsent text of a room kept on this device, as field name → text, for one step. */
export function unsentOfStep(roomId: string, stepId: string): Record<string, string> {
	const prefix = keyOf(roomId, stepId, '');
	const found: Record<string, string> = {};
	try {
		for (let i = 0; i < localStorage.length; i++) {
			const key = localStorage.key(i);
			if (key?.startsWith(prefix))
				found[key.slice(prefix.length)] = localStorage.getItem(key) ?? '';
		}
	} catch {
		// No storage: nothing kept.
	}
	return found;
}
