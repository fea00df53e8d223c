import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_REFUSED } from '$lib/board/guard/protocol';
import { SCHEMA_VERSION, schemaVersionOf } from '$lib/board/schema';
import { checkDocumentVersion } from './version';

export type LinkStatus = 'connected' | 'connecting' | 'disconnected';

/** A change of this browser that the server put back, and why (the server's reason). */
export type Refusal = { reason: string; at: number };

/** The sync server's close code for a room that was erased (server/sync/close-codes.ts). */
const ROOM_ERASED = 4404;

function syncUrl(): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/**
 * One room document in the browser: a y-websocket provider to the server, an IndexedDB copy
 * that survives reloads and lost connections, and whether local changes may not have reached
 * the server yet.
 */
export class DocConnection {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly offline: IndexeddbPersistence;
	status = $state<LinkStatus>('connecting');
	synced = $state(false);
	unsent = $state(false);
	refusal = $state<Refusal | null>(null);
	/** The server's document is newer than this page's code: it writes nothing more. */
	outdated = $state(false);
	/** The server closed this link for good (the room was erased: 4404); it does not reconnect. */
	erased = $state(false);
	#unsentKey: string;

	constructor(roomId: string, docName: string, key: string) {
		this.#unsentKey = `visiewerkplaats:${roomId}:${docName}:unsent`;
		this.unsent = readFlag(this.#unsentKey);
		this.offline = new IndexeddbPersistence(`visiewerkplaats:${roomId}:${docName}`, this.doc);
		this.provider = new WebsocketProvider(syncUrl(), `${roomId}/${docName}`, this.doc, {
			// The server takes no change from a page whose code writes another schema version.
			params: { key, schema: String(SCHEMA_VERSION) },
			maxBackoffTime: 5000
		});
		this.provider.on('status', ({ status }) => {
			this.status = status;
			if (status !== 'connected') this.synced = false;
		});
		this.provider.on('sync', (isSynced: boolean) => {
			if (isSynced && !checkDocumentVersion(schemaVersionOf(this.doc))) {
				// Stop here: nothing this page writes from now on may reach the server in an old shape.
				this.outdated = true;
				this.provider.disconnect();
				return;
			}
			this.synced = isSynced;
			if (isSynced && this.status === 'connected') this.setUnsent(false);
		});
		this.provider.on('connection-close', (event: CloseEvent | null) => {
			if (event?.code !== ROOM_ERASED) return;
			this.erased = true;
			this.provider.disconnect();
		});
		this.provider.messageHandlers[MESSAGE_REFUSED] = (_encoder, decoder) => {
			this.refusal = { reason: decoding.readVarString(decoder), at: Date.now() };
		};
		this.doc.on('update', this.#onUpdate);
	}

	#onUpdate = (_update: Uint8Array, origin: unknown) => {
		const local = origin !== this.provider && origin !== this.offline;
		if (local && !(this.status === 'connected' && this.synced)) this.setUnsent(true);
	};

	private setUnsent(value: boolean): void {
		if (this.unsent === value) return;
		this.unsent = value;
		writeFlag(this.#unsentKey, value);
	}

	destroy(): void {
		this.doc.off('update', this.#onUpdate);
		this.provider.awareness.destroy();
		this.provider.destroy();
		void this.offline.destroy();
		this.doc.destroy();
	}
}

function readFlag(name: string): boolean {
	try {
		return localStorage.getItem(name) === '1';
	} catch {
		return false;
	}
}

function writeFlag(name: string, value: boolean): void {
	try {
		if (value) localStorage.setItem(name, '1');
		else localStorage.removeItem(name);
	} catch {
		// No storage: the flag lives for this visit only.
	}
}
