import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of an awareness update: a client's presence state (`left`: the state is null). */
export type AwarenessEntry = { id: number; left: boolean; start: number; end: number };

export type AwarenessEntries = { entries: AwarenessEntry[] } | { refused: string };

const NULL_STATE = [0x6e, 0x75, 0x6c, 0x6c]; // "null"

/**
 * Reads the entries of an awareness (presence) update without applying it or parsing any JSON,
 * and refuses it when one state is larger than `maxStateBytes`.
 * Format (y-protocols): count, then per entry client id, clock and state (JSON text).
 */
export function awarenessEntries(update: Uint8Array, maxStateBytes: number): AwarenessEntries {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	if (count > update.length) return { refused: 'malformed presence update' };
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const start = decoder.pos;
		const id = decoding.readVarUint(decoder);
		decoding.readVarUint(decoder); // clock
		const length = decoding.readVarUint(decoder);
		if (length > maxStateBytes) return { refused: 'presence state too large' };
		if (length > update.length - decoder.pos) return { refused: 'malformed presence update' };
		const left =
			length === NULL_STATE.length &&
			NULL_STATE.every((byte, j) => update[decoder.pos + j] === byte);
		decoder.pos += length;
		entries.push({ id, left, start, end: decoder.pos });
	}
	return { entries };
}

/** The same update with only `kept` (entries read from it by awarenessEntries). */
export function keepEntries(update: Uint8Array, kept: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kept.length);
	for (const entry of kept)
		encoding.writeUint8Array(encoder, update.subarray(entry.start, entry.end));
	return encoding.toUint8Array(encoder);
}
