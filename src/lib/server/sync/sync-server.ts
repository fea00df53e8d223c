import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { connectionOf } from '../../board/origins';
import { isDocName, type DocName } from '../../board/roots';
import { SCHEMA_VERSION } from '../../board/schema';
import { DraftCoordinator, draftDocName, messageOf, participantOfDraft } from './drafts';
import type { Limits } from '../config';
import type { DocStorage } from '../doc-store';
import type { Logger } from '../log';
import type { Access, RoomRepository } from '../rooms';
import { clientAddress } from './client-address';
import { CLOSE } from './close-codes';
import { Connection, type ConnectionInfo } from './connection';
import { KeyLimits, keyIdentity } from './key-limits';
import { RoomContexts } from './room-context';
import { RoomDoc } from './room-doc';
import type { Judge } from '../../board/guard';

export const SYNC_PATH = '/sync/';
const SYNC_URL = /^\/sync\/([A-Za-z0-9_-]{1,64})\/([a-z]{1,32})$/;

export type SyncServerOptions = {
	rooms: RoomRepository;
	store: DocStorage;
	limits: Limits;
	log: Logger;
};

function isReadOnly(access: Access, docName: string): boolean {
	if (access.role === 'facilitator') return false;
	if (access.role === 'participant') return docName === 'control';
	return true;
}

/**
 * The stored document a request opens: `draft` is always the caller's own private draft,
 * so no URL can name another participant's. Null when the role has no such document.
 */
function storedDocName(access: Access, docName: DocName): string | null {
	if (docName !== 'draft') return docName;
	return access.role === 'participant' && access.participantId
		? draftDocName(access.participantId)
		: null;
}

function refuse(socket: Duplex, status: number, text: string): void {
	socket.end(
		`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
	);
}

/**
 * The y-websocket sync endpoint: `ws://host/sync/<roomId>/<doc>?key=<key>`.
 * Authenticates at the upgrade, serves documents from SQLite, enforces roles and limits.
 */
export class SyncServer {
	private readonly wss: WebSocketServer;
	private readonly docs = new Map<string, RoomDoc>();
	private readonly connections = new Set<Connection>();
	private readonly pingTimer: ReturnType<typeof setInterval>;
	private closing = false;
	private readonly drafts: DraftCoordinator;
	private readonly contexts: RoomContexts;
	private readonly keys: KeyLimits;

	constructor(private readonly options: SyncServerOptions) {
		this.keys = new KeyLimits(options.limits);
		this.drafts = new DraftCoordinator(this.withDocs, options.store, options.rooms, options.log);
		this.contexts = new RoomContexts(
			options.rooms,
			options.store,
			(roomId) => this.docs.get(`${roomId}/control`)?.doc ?? null
		);
		// No permessage-deflate: connections write frames made once per broadcast straight to
		// the socket (connection.ts), which compression would have to queue behind.
		this.wss = new WebSocketServer({
			noServer: true,
			maxPayload: options.limits.maxFrameBytes,
			perMessageDeflate: false
		});
		this.pingTimer = setInterval(() => this.ping(), options.limits.pingIntervalMs);
		this.pingTimer.unref();
		// A shared store (PostgreSQL): other instances serve the same rooms.
		options.store.watch?.({
			appended: (roomId, docName, seq) => {
				if (docName === 'control') this.contexts.controlChanged(roomId);
				this.docs.get(`${roomId}/${docName}`)?.remoteAppended(seq);
			},
			presence: (roomId, docName, update) =>
				this.docs.get(`${roomId}/${docName}`)?.remotePresence(update),
			erased: (roomId) => this.closeRoom(roomId),
			resync: () => {
				for (const [id, room] of this.docs) {
					if (id.endsWith('/control')) this.contexts.controlChanged(id.split('/')[0]!);
					room.catchUp();
				}
			}
		});
	}

	/** Handles an HTTP upgrade. Returns false, touching nothing, when the path is not ours. */
	handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith(SYNC_PATH)) return false;
		const { limits } = this.options;
		const address = clientAddress(request, limits.addressHeader, limits.xffDepth);
		const refusal = (status: number, text: string, reason: string) => {
			this.options.log('warn', 'sync_refused', { reason, status, address });
			refuse(socket, status, text);
			return true;
		};
		if (this.closing) return refusal(503, 'Service Unavailable', 'shutting down');
		const match = SYNC_URL.exec(url.pathname);
		if (!match || !isDocName(match[2]!)) return refusal(404, 'Not Found', 'unknown sync path');
		const [, roomId, requested] = match as unknown as [string, string, string];
		const access = this.options.rooms.authorize(roomId, url.searchParams.get('key') ?? '');
		if (!access) return refusal(401, 'Unauthorized', 'bad key');
		const storedName = storedDocName(access, requested as DocName);
		if (!storedName) return refusal(403, 'Forbidden', 'no draft for this role');
		const identity = keyIdentity(roomId, access);
		if (this.keys.connections(identity) >= limits.connectionsPerKey) {
			return refusal(429, 'Too Many Requests', 'too many connections for this key');
		}
		if (this.connectionsFrom(address) >= limits.connectionsPerAddress) {
			return refusal(429, 'Too Many Requests', 'too many connections from this address');
		}
		// Only participants fill a room: the facilitator and the projector always get in (each
		// of their keys is held to connectionsPerKey above).
		if (
			access.role === 'participant' &&
			this.connectionsInRoom(roomId) >= limits.connectionsPerRoom
		) {
			return refusal(503, 'Service Unavailable', 'room full');
		}
		// A browser announces the schema version its code writes (client/doc-connection). One that
		// announced another version than the server's documents have writes nothing: an older one
		// would write an old shape into a migrated document, a newer one a shape this server does
		// not know. It still reads, so it can see the document's version and reload. A client that
		// announces nothing (scripts, tests, pages from before versions) is taken as current.
		const announced = url.searchParams.get('schema');
		const otherVersion = announced !== null && announced !== String(SCHEMA_VERSION);
		if (otherVersion)
			this.options.log('warn', 'sync_client_version', {
				room: roomId,
				doc: requested,
				client: announced.slice(0, 16),
				server: SCHEMA_VERSION
			});
		this.wss.handleUpgrade(request, socket, head, (ws) => {
			this.accept(ws, socket, {
				roomId,
				docName: storedName,
				access,
				readOnly: isReadOnly(access, storedName) || otherVersion,
				address,
				identity
			});
		});
		return true;
	};

	private accept(ws: WebSocket, stream: Duplex, info: ConnectionInfo): void {
		let room: RoomDoc;
		try {
			room = this.roomDoc(info.roomId, info.docName);
		} catch (error) {
			this.options.log('error', 'sync_load_failed', {
				room: info.roomId,
				doc: info.docName,
				message: String(error)
			});
			ws.close(CLOSE.storageFailed, 'could not load document');
			return;
		}
		const connection = new Connection(
			ws,
			stream,
			room,
			info,
			this.options.limits,
			this.options.log,
			this.judgeOf(info),
			this.keys.acquire(info.identity)
		);
		const firstPeer = room.peers.size === 0;
		this.connections.add(connection);
		this.count(connection, 1);
		room.peers.add(connection);
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data: Buffer) =>
			connection.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
		);
		ws.on('pong', () => (connection.alive = true));
		ws.on('error', () => ws.terminate());
		ws.on('close', (code) => this.release(connection, code));
		// One durable write when a document is opened, not one per connection: a whole room
		// reconnecting after a restart would otherwise wait on an fsync per phone. Writes keep
		// counting as activity (RoomDoc reports them).
		if (firstPeer) this.options.rooms.touch(info.roomId);
		this.options.log('debug', 'sync_connected', {
			room: info.roomId,
			doc: info.docName,
			role: info.access.role
		});
		connection.start();
	}

	/** How the server checks a connection's updates: by its role, in the document it writes. */
	private judgeOf(info: ConnectionInfo): Judge {
		const { access, roomId, docName } = info;
		const kind = docName === 'board' ? 'board' : participantOfDraft(docName) ? 'draft' : null;
		if (!kind) return null;
		const context = () => this.contexts.contextOf(roomId);
		if (access.role === 'participant' && access.participantId)
			return {
				kind,
				actor: {
					role: 'participant',
					id: access.participantId,
					name: this.options.rooms.participantName(roomId, access.participantId)
				},
				context
			};
		return { kind, actor: { role: 'facilitator' }, context };
	}

	private roomDoc(roomId: string, docName: string): RoomDoc {
		const id = `${roomId}/${docName}`;
		let room = this.docs.get(id);
		if (!room) {
			room = new RoomDoc({
				roomId,
				name: docName,
				store: this.options.store,
				log: this.options.log,
				compactAfterUpdates: this.options.limits.compactAfterUpdates,
				onStorageFailure: () => this.dropRoomDoc(id, CLOSE.storageFailed, 'could not save'),
				onActivity: () => this.options.rooms.touch(roomId),
				onChange: (origin) => {
					// The guard keeps a stored control state while nobody has it open (room-context).
					if (docName === 'control') this.contexts.controlChanged(roomId);
					this.changed(roomId, docName, origin);
				}
			});
			this.docs.set(id, room);
			// Rooms stored before ballots left the board: moved out before anyone syncs.
			const board = room.doc;
			if (docName === 'board')
				this.isolate(roomId, docName, null, () => this.drafts.migrateBoard(roomId, board));
		}
		return room;
	}

	/** After a client's stored change: keep drafts and the board in step (see DraftCoordinator). */
	private changed(roomId: string, docName: string, origin: unknown): void {
		const connection = connectionOf(origin);
		if (!(connection instanceof Connection)) return;
		this.isolate(roomId, docName, connection, () => {
			const participant = participantOfDraft(docName);
			if (participant) this.drafts.draftChanged(roomId, participant);
			else if (docName === 'control') {
				const control = this.docs.get(`${roomId}/control`);
				if (control) this.drafts.controlChanged(roomId, control.doc);
			}
		});
	}

	/**
	 * Runs server-side handling of what a client wrote. Whatever goes wrong stays in that room:
	 * logged as `room_error`, the connection whose change it was (if any) closed, every other
	 * room and connection untouched. Nothing a client writes may end the process.
	 */
	private isolate(
		roomId: string,
		docName: string,
		origin: Connection | null,
		handle: () => void
	): void {
		try {
			handle();
		} catch (error) {
			this.options.log('error', 'room_error', {
				room: roomId,
				doc: docName,
				message: messageOf(error)
			});
			if (origin && this.connections.has(origin))
				origin.close(CLOSE.changeFailed, 'the server could not handle this change');
		}
	}

	/**
	 * Runs a server-side change on documents, loading those that are not in memory; those it
	 * loaded are unloaded again afterwards unless a client opened them meanwhile.
	 */
	private withDocs = (roomId: string, names: string[], change: (docs: Y.Doc[]) => void): void => {
		const loaded: { id: string; room: RoomDoc; fresh: boolean }[] = [];
		try {
			for (const name of names) {
				const id = `${roomId}/${name}`;
				const fresh = !this.docs.has(id);
				loaded.push({ id, fresh, room: this.roomDoc(roomId, name) });
			}
			change(loaded.map(({ room }) => room.doc));
		} finally {
			for (const { id, room, fresh } of loaded) {
				if (!fresh || room.peers.size > 0 || this.docs.get(id) !== room) continue;
				this.docs.delete(id);
				room.destroy({ save: true });
			}
		}
	};

	/** Stops counting a connection (once: false when it was already forgotten). */
	private forget(connection: Connection): boolean {
		if (!this.connections.delete(connection)) return false;
		this.count(connection, -1);
		this.keys.release(connection.info.identity);
		return true;
	}

	private release(connection: Connection, code: number): void {
		if (!this.forget(connection)) return;
		const { roomId, docName } = connection.info;
		this.options.log('debug', 'sync_disconnected', {
			room: roomId,
			doc: docName,
			role: connection.info.access.role,
			code
		});
		const id = `${roomId}/${docName}`;
		const room = this.docs.get(id);
		if (!room || room !== connection.room) return;
		room.removePeer(connection);
		if (room.peers.size === 0) {
			this.docs.delete(id);
			room.destroy({ save: true });
		}
	}

	/** Closes every connection to one room document and forgets it, without saving memory state. */
	private dropRoomDoc(id: string, code: number, reason: string): void {
		const room = this.docs.get(id);
		if (room) this.evict(id, room, code, reason);
	}

	/**
	 * Readies a room's stored documents for a reader outside the sync path (reports, exports):
	 * loading its board migrates what a room stored by an earlier version still holds there.
	 */
	prepareRoom(roomId: string): void {
		this.isolate(roomId, 'board', null, () => this.withDocs(roomId, ['board'], () => {}));
	}

	/** Closes every connection of a room (before it is erased) and unloads its documents unsaved. */
	closeRoom(roomId: string): void {
		this.drafts.forgetRoom(roomId);
		this.contexts.forget(roomId);
		for (const [id, room] of [...this.docs]) {
			if (id.startsWith(`${roomId}/`)) this.evict(id, room, CLOSE.roomDeleted, 'room deleted');
		}
	}

	private evict(id: string, room: RoomDoc, code: number, reason: string): void {
		this.docs.delete(id);
		for (const connection of [...this.connections]) {
			if (connection.room !== room) continue;
			this.forget(connection);
			connection.close(code, reason);
		}
		room.destroy({ save: false });
	}

	/**
	 * Connections per address and per room, kept as they come and go: counting them over every
	 * connection at each upgrade made 10,000 connections cost 10,000² steps (seconds of blocked
	 * event loop while a crowd connects).
	 */
	private readonly perAddress = new Map<string, number>();
	private readonly perRoom = new Map<
		string,
		{ connections: number; peak: number; since: number }
	>();

	private count(connection: Connection, delta: 1 | -1): void {
		const { address, roomId } = connection.info;
		const fromAddress = (this.perAddress.get(address) ?? 0) + delta;
		if (fromAddress > 0) this.perAddress.set(address, fromAddress);
		else this.perAddress.delete(address);
		this.countInRoom(roomId, delta);
	}

	/**
	 * A room's first connection and its last one's departure are logged (info); each connection's
	 * own arrival and departure only at debug: with 10,000 phones, a line per phone would be most
	 * of the log, and each line a synchronous write on the event loop that serves every room.
	 */
	private countInRoom(roomId: string, delta: 1 | -1): void {
		let room = this.perRoom.get(roomId);
		if (!room) {
			room = { connections: 0, peak: 0, since: Date.now() };
			this.perRoom.set(roomId, room);
			this.options.log('info', 'sync_room_opened', { room: roomId });
		}
		room.connections += delta;
		room.peak = Math.max(room.peak, room.connections);
		if (room.connections > 0) return;
		this.perRoom.delete(roomId);
		this.options.log('info', 'sync_room_closed', {
			room: roomId,
			peakConnections: room.peak,
			minutes: Math.round((Date.now() - room.since) / 60_000)
		});
	}

	private connectionsFrom(address: string): number {
		return this.perAddress.get(address) ?? 0;
	}

	private connectionsInRoom(roomId: string): number {
		return this.perRoom.get(roomId)?.connections ?? 0;
	}

	private ping(): void {
		this.keys.sweep();
		for (const connection of this.connections) {
			if (!connection.alive) {
				this.options.log('warn', 'sync_no_pong', {
					room: connection.info.roomId,
					doc: connection.info.docName
				});
				connection.socket.terminate();
				continue;
			}
			connection.alive = false;
			connection.socket.ping();
		}
	}

	stats(): { documents: number; connections: number } {
		return { documents: this.docs.size, connections: this.connections.size };
	}

	/** Stops accepting, saves every document and closes all sockets with "restarting". */
	async close(): Promise<void> {
		this.closing = true;
		clearInterval(this.pingTimer);
		for (const connection of [...this.connections])
			connection.close(CLOSE.restarting, 'server restarting');
		for (const room of this.docs.values()) room.destroy({ save: true });
		this.docs.clear();
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
	}
}
