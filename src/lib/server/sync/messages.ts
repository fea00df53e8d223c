import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MESSAGE_REFUSED as REFUSED } from '../../board/guard/protocol';

// Message types of the y-websocket protocol.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export { MESSAGE_REFUSED } from '../../board/guard/protocol';

export function syncStep1Message(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function awarenessMessage(
	awareness: awarenessProtocol.Awareness,
	clients: number[]
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

/** Ours, not y-websocket's: the server put a change of this client back (with the reason). */
export function refusedMessage(reason: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, REFUSED);
	encoding.writeVarString(encoder, reason.slice(0, 200));
	return encoding.toUint8Array(encoder);
}

const FIN_BINARY = 0x82;

/**
 * The header of an unmasked, unfragmented binary WebSocket frame (RFC 6455, 5.2) of `length`
 * bytes: what a server puts before each message it sends.
 */
export function frameHeader(length: number): Buffer {
	if (length < 126) return Buffer.from([FIN_BINARY, length]);
	if (length < 0x10000) {
		const header = Buffer.allocUnsafe(4);
		header[0] = FIN_BINARY;
		header[1] = 126;
		header.writeUInt16BE(length, 2);
		return header;
	}
	const header = Buffer.allocUnsafe(10);
	header[0] = FIN_BINARY;
	header[1] = 127;
	header.writeBigUInt64BE(BigInt(length), 2);
	return header;
}

/**
 * A message framed once, header and payload in one buffer, for every client it goes to: a
 * broadcast to 40 phones writes the same bytes 40 times instead of framing them 40 times.
 */
export function binaryFrame(message: Uint8Array): Buffer {
	const header = frameHeader(message.length);
	const frame = Buffer.allocUnsafe(header.length + message.length);
	header.copy(frame, 0);
	frame.set(message, header.length);
	return frame;
}
