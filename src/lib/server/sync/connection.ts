import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
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
	syncStep1Message,
	syncStep2Message
} from './messages';
import type { Peer, RoomDoc } from './room-doc';
import { TokenBucket } from './token-bucket';

export type ConnectionInfo = {
	roomId: string;
	docName: string;
	access: Access;
	readOnly: boolean;
	address: string;
};

/** One client's socket on one room document: reads its messages and enforces its rights. */
export class Connection implements Peer {
	readonly awarenessIds = new Set<number>();
	alive = true;
	private readonly updates: TokenBucket;
	private refusedWriteLogged = false;

	constructor(
		readonly socket: WebSocket,
		readonly room: RoomDoc,
		readonly info: ConnectionInfo,
		private readonly limits: Limits,
		private readonly log: Logger
	) {
		this.updates = new TokenBucket(limits.updatesPerSecond, limits.updatesPerSecond * 2);
	}

	start(): void {
		this.send(syncStep1Message(this.room.doc));
		const states = [...this.room.awareness.getStates().keys()];
		if (states.length > 0) this.send(awarenessMessage(this.room.awareness, states));
	}

	send(message: Uint8Array): void {
		if (this.socket.readyState !== this.socket.OPEN) return;
		// A client that stops reading would make the server buffer without end: let it go; it
		// resynchronises when it reconnects.
		if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
			this.log('warn', 'sync_slow_client', { room: this.info.roomId, doc: this.info.docName });
			this.socket.terminate();
			return;
		}
		// No callback per message: a failed write destroys the socket, and its 'close' releases
		// the connection (sync-server.ts).
		this.socket.send(message);
	}

	close(code: number, reason: string): void {
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
		try {
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) this.receiveSync(decoder);
			else if (type === MESSAGE_AWARENESS) {
				awarenessProtocol.applyAwarenessUpdate(
					this.room.awareness,
					decoding.readVarUint8Array(decoder),
					this
				);
			} else if (type === MESSAGE_QUERY_AWARENESS) {
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

	private receiveSync(decoder: decoding.Decoder): void {
		const syncType = decoding.readVarUint(decoder);
		if (syncType === syncProtocol.messageYjsSyncStep1) {
			this.send(syncStep2Message(this.room.doc, decoding.readVarUint8Array(decoder)));
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
		if (!this.updates.take()) return this.close(CLOSE.tooManyUpdates, 'too many updates');
		if (this.room.bytes + update.length > this.limits.maxDocBytes) {
			return this.close(CLOSE.documentTooLarge, 'document too large');
		}
		Y.applyUpdate(this.room.doc, update, this);
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
