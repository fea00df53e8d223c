import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Judge, Refusal } from '../../board/guard';
import type { Limits } from '../config';
import type { Logger } from '../log';
import type { Access } from '../rooms';
import { CLOSE } from './close-codes';
import {
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	awarenessMessage,
	frameHeader,
	refusedMessage,
	syncStep1Message,
	syncStep2Message
} from './messages';
import { awarenessEntries, keepEntries, type AwarenessEntry } from './awareness-check';
import type { KeyRates } from './key-limits';
import { FACILITATOR_WRITER, type Peer, type RoomDoc } from './room-doc';
import { checkUpdateStructure } from './update-check';

export type ConnectionInfo = {
	roomId: string;
	docName: string;
	access: Access;
	readOnly: boolean;
	address: string;
	/** Who the key is within the room (key-limits.ts): limits are shared per identity. */
	identity: string;
};

/** Whose changes a connection carries, as the room document records its writers. */
export function writerOf(access: Access): string {
	if (access.role === 'participant' && access.participantId) return `p:${access.participantId}`;
	return access.role === 'facilitator' ? FACILITATOR_WRITER : access.role;
}

/** Refused changes a connection may make in a minute before it is closed (a honest client
 * racing a lock makes one or two). */
const MAX_REFUSALS_PER_WINDOW = 30;
const REFUSAL_WINDOW_MS = 60_000;

/** Sockets written to in this turn of the event loop: corked until it ends. */
const corked: Duplex[] = [];

function uncorkAll(): void {
	for (const stream of corked) {
		// One socket that fails must not leave the others corked (nobody would hear anything).
		try {
			stream.uncork();
		} catch (error) {
			stream.destroy(error instanceof Error ? error : new Error(String(error)));
		}
	}
	corked.length = 0;
}

/**
 * Holds a socket's writes until the current turn of the event loop ends, then sends them in one
 * system call: a client that gets several messages in a turn (a busy room, a sync answer and
 * presence) costs one `writev`, not one per message.
 */
function corkForThisTurn(stream: Duplex): void {
	if (stream.writableCorked > 0) return;
	if (corked.length === 0) setImmediate(uncorkAll);
	stream.cork();
	corked.push(stream);
}

/** One client's socket on one room document: reads its messages and enforces its rights. */
export class Connection implements Peer {
	readonly awarenessIds = new Set<number>();
	readonly writer: string;
	alive = true;
	/** Set once the server closes the connection: later messages are ignored, not refused again. */
	private closing = false;
	private refusedWriteLogged = false;
	private refusalLogged = false;
	private refusalTimes: number[] = [];
	/** Whether the client has answered the server's sync step 1 (with its sync step 2). */
	private answered = false;

	constructor(
		readonly socket: WebSocket,
		/**
		 * The upgraded TCP (or TLS) socket under `socket`: messages are written to it as frames
		 * made once per broadcast (ws frames each send again). The server sends uncompressed
		 * frames only (no permessage-deflate), so ws has nothing queued that these could overtake.
		 */
		private readonly stream: Duplex,
		readonly room: RoomDoc,
		readonly info: ConnectionInfo,
		private readonly limits: Limits,
		private readonly log: Logger,
		/** How this connection's updates are checked (null: the control document's facilitator). */
		private readonly judge: Judge,
		/** Rate limits shared by every connection of the same key (KeyLimits). */
		private readonly rates: KeyRates
	) {
		this.writer = writerOf(info.access);
	}

	start(): void {
		this.send(syncStep1Message(this.room.doc));
		const states = [...this.room.awareness.getStates().keys()];
		if (states.length > 0) this.send(awarenessMessage(this.room.awareness, states));
	}

	/** A message for this client only. */
	send(message: Uint8Array): void {
		if (!this.writable()) return;
		corkForThisTurn(this.stream);
		this.stream.write(frameHeader(message.length));
		this.stream.write(message);
	}

	/** A message framed once for every client it goes to (binaryFrame; RoomDoc's broadcasts). */
	sendFrame(frame: Buffer): void {
		if (!this.writable()) return;
		corkForThisTurn(this.stream);
		// No callback per message: a failed write destroys the socket, and its 'close' releases
		// the connection (sync-server.ts).
		this.stream.write(frame);
	}

	private writable(): boolean {
		if (this.socket.readyState !== this.socket.OPEN || !this.stream.writable) return false;
		// A client that stops reading would make the server buffer without end: let it go; it
		// resynchronises when it reconnects.
		if (this.stream.writableLength > this.limits.maxBufferedBytes) {
			this.log('warn', 'sync_slow_client', { room: this.info.roomId, doc: this.info.docName });
			this.socket.terminate();
			return false;
		}
		return true;
	}

	close(code: number, reason: string): void {
		if (this.closing) return;
		this.closing = true;
		this.log('warn', 'sync_closed_by_server', {
			room: this.info.roomId,
			doc: this.info.docName,
			role: this.info.access.role,
			code,
			reason
		});
		this.socket.close(code, reason);
	}

	receive(data: Uint8Array): void {
		if (this.closing) return;
		try {
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) this.receiveSync(decoder);
			else if (type === MESSAGE_AWARENESS) this.receiveAwareness(decoder);
			else if (type === MESSAGE_QUERY_AWARENESS) {
				// Answered with every state in the room: counts as a request, like sync step 1.
				if (!this.rates.requests.take())
					return this.close(CLOSE.tooManyRequests, 'too many requests');
				this.send(
					awarenessMessage(this.room.awareness, [...this.room.awareness.getStates().keys()])
				);
			} else if (type !== MESSAGE_AUTH) {
				this.close(CLOSE.malformedMessage, 'unknown message type');
			}
		} catch (error) {
			this.log('warn', 'sync_malformed_message', {
				room: this.info.roomId,
				doc: this.info.docName,
				message: error instanceof Error ? error.message.slice(0, 200) : String(error)
			});
			this.close(CLOSE.malformedMessage, 'malformed message');
		}
	}

	/**
	 * Presence, limited per key in messages per second and per state in bytes (both close the
	 * connection), and per connection in client ids. y-websocket clients send every presence
	 * change they receive back to the server, so entries that are not this connection's to set
	 * are ignored, not refused: another connection's id (nobody can rename or remove someone
	 * else), a "left" for an id nobody holds, and ids past AWARENESS_IDS_PER_CONNECTION (a real
	 * client announces one, its own, first).
	 */
	private receiveAwareness(decoder: decoding.Decoder): void {
		const update = decoding.readVarUint8Array(decoder);
		const read = awarenessEntries(update, this.limits.maxAwarenessBytes);
		if ('refused' in read) return this.close(CLOSE.presenceRefused, read.refused);
		const kept: AwarenessEntry[] = [];
		let claimed = this.awarenessIds.size;
		for (const entry of read.entries) {
			if (this.awarenessIds.has(entry.id)) kept.push(entry);
			else if (entry.left || claimed >= this.limits.awarenessIdsPerConnection) continue;
			// Only a connection that has not announced its id yet looks at the others: echoes from
			// every other client in the room end at the line above.
			else if (!this.heldByOther(entry.id)) {
				claimed += 1;
				kept.push(entry);
			}
		}
		if (kept.length === 0) {
			if (!this.rates.echoes.take()) {
				this.close(CLOSE.tooManyPresence, 'too many presence updates');
			}
			return;
		}
		if (!this.rates.awareness.take()) {
			return this.close(CLOSE.tooManyPresence, 'too many presence updates');
		}
		const accepted = kept.length === read.entries.length ? update : keepEntries(update, kept);
		awarenessProtocol.applyAwarenessUpdate(this.room.awareness, accepted, this);
	}

	/**
	 * Whether another connection to this document announced this presence id. One of the same
	 * key does not count: after a lost network the new connection may arrive before the old one
	 * is dropped.
	 */
	private heldByOther(id: number): boolean {
		for (const peer of this.room.peers) {
			if (peer === this || !peer.awarenessIds.has(id)) continue;
			if (peer instanceof Connection && peer.info.identity === this.info.identity) continue;
			return true;
		}
		return false;
	}

	private receiveSync(decoder: decoding.Decoder): void {
		const syncType = decoding.readVarUint(decoder);
		if (syncType === syncProtocol.messageYjsSyncStep1) {
			// Answered with the whole document the client lacks: a client sends one per connect.
			if (!this.rates.requests.take())
				return this.close(CLOSE.tooManyRequests, 'too many requests');
			const answer = syncStep2Message(this.room.doc, decoding.readVarUint8Array(decoder));
			// Only what is stored (an asynchronous store may still be committing the last updates).
			this.room.whenStored(() => this.send(answer));
			return;
		}
		if (
			syncType !== syncProtocol.messageYjsSyncStep2 &&
			syncType !== syncProtocol.messageYjsUpdate
		) {
			this.close(CLOSE.malformedMessage, 'unknown sync message');
			return;
		}
		const update = decoding.readVarUint8Array(decoder);
		if (this.info.readOnly) return this.refuseWrite(update);
		if (!this.rates.updates.take()) return this.close(CLOSE.tooManyUpdates, 'too many updates');
		// Before Yjs (or the guard) reads it: an update whose declared counts exceed its bytes
		// would make Yjs allocate for them first (update-check.ts).
		const malformed = checkUpdateStructure(update);
		if (malformed) return this.close(CLOSE.malformedMessage, `malformed update: ${malformed}`);
		if (this.room.bytes + update.length > this.limits.maxDocBytes) {
			return this.close(CLOSE.documentTooLarge, 'document too large');
		}
		const result = this.room.applyClientUpdate(update, this, this.judge);
		if (syncType === syncProtocol.messageYjsSyncStep2) this.answered = true;
		if (result.incomplete) {
			// A change the client made before it answered the server's sync step 1 (sent at once on
			// connect) builds on changes it made while connected elsewhere: its answer, under way,
			// holds all of them. Nothing of this one was kept; the answer brings it.
			if (!this.answered) return;
			return this.close(CLOSE.incompleteUpdate, 'update depends on changes the server lacks');
		}
		if (result.refusals.length > 0) this.refused(result.refusals);
	}

	/**
	 * Tells the client its change was put back (it shows why), logs the first refusal per
	 * connection, and lets go of a client that keeps trying.
	 */
	private refused(refusals: Refusal[]): void {
		const first = refusals[0]!;
		this.send(refusedMessage(first.reason));
		const now = Date.now();
		this.refusalTimes = this.refusalTimes.filter((time) => now - time < REFUSAL_WINDOW_MS);
		this.refusalTimes.push(now);
		if (!this.refusalLogged) {
			this.refusalLogged = true;
			this.log('warn', 'sync_update_refused', {
				room: this.info.roomId,
				doc: this.info.docName,
				role: this.info.access.role,
				root: first.root,
				reason: first.reason.slice(0, 200),
				count: refusals.length
			});
		}
		if (this.refusalTimes.length > MAX_REFUSALS_PER_WINDOW) {
			this.close(CLOSE.refused, 'too many refused changes');
		}
	}

	private refuseWrite(update: Uint8Array): void {
		// An empty update (no structs, no deletions) is what every read-only client answers to
		// the server's sync step 1: nothing refused there.
		if (update.length <= 2 || this.refusedWriteLogged) return;
		this.refusedWriteLogged = true;
		this.log('warn', 'sync_write_refused', {
			room: this.info.roomId,
			doc: this.info.docName,
			role: this.info.access.role
		});
	}
}
