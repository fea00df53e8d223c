import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
	applyGuardedUpdate,
	dropPending,
	hasPending,
	prepareRoots,
	type GuardResult,
	type Judge
} from '../../board/guard';
import { clientOrigin, connectionOf, LOAD_ORIGIN } from '../../board/origins';
import { migrate, versionedKindOf } from '../../board/schema';
import type { DocStore } from '../doc-store';
import type { Logger } from '../log';
import { awarenessMessage, updateMessage } from './messages';

/** One live connection as the room document sees it. */
export interface Peer {
	send(message: Uint8Array): void;
	/** Who writes through this peer: `facilitator`, or `p:<participant id>` (see writerOf). */
	readonly writer: string;
	/** Awareness client ids this peer has announced, removed when it leaves. */
	readonly awarenessIds: Set<number>;
}

export const FACILITATOR_WRITER = 'facilitator';
const SERVER_WRITER = 'server';

/** The client ids an update writes new structs for (beyond what the document has). */
function newClients(doc: Y.Doc, update: Uint8Array): number[] {
	const clients: number[] = [];
	for (const [client, clock] of Y.parseUpdateMeta(update).to)
		if (clock > Y.getState(doc.store, client)) clients.push(client);
	return clients;
}
const AWARENESS_BATCH_MS = 50;

export type RoomDocOptions = {
	roomId: string;
	name: string;
	store: DocStore;
	log: Logger;
	compactAfterUpdates: number;
	/** Called when an update could not be stored: the room must be dropped from memory. */
	onStorageFailure: (error: unknown) => void;
	/** Called after stored changes, at most once a minute: keeps the room from expiring. */
	onActivity: () => void;
	/** Called (after the current event) for every stored change, with its origin. */
	onChange?: (origin: unknown) => void;
};

const ACTIVITY_INTERVAL_MS = 60_000;

/**
 * A room document in memory: loaded from SQLite before anyone syncs, every change appended to
 * SQLite before it is broadcast, presence batched.
 */
export class RoomDoc {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly peers = new Set<Peer>();
	private seq = 0;
	private updatesSinceSnapshot = 0;
	private storedBytes = 0;
	private failed = false;
	private lastActivity = 0;
	private pendingAwareness = new Set<number>();
	private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
	/** The check of the client update being applied: when it corrected something, its author
	 * must receive the result too. */
	private judging: GuardResult | null = null;
	/**
	 * The writer each Yjs client id belongs to, claimed by the first peer that announces it (in
	 * its presence) or writes under it. A struct carries its client id and clock: a client that
	 * wrote under another's id, at that client's next clock, would make the server ignore that
	 * client's own next change for good.
	 */
	private readonly writers: Map<number, string>;

	constructor(private readonly options: RoomDocOptions) {
		this.awareness.setLocalState(null);
		const stored = options.store.load(options.roomId, options.name);
		this.doc.transact(() => {
			if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
			for (const update of stored.updates) Y.applyUpdate(this.doc, update);
		}, LOAD_ORIGIN);
		// Structs stored before updates were checked may wait for something that never came: they
		// would never show, but would count against every later update (and be stored again).
		if (hasPending(this.doc)) {
			dropPending(this.doc);
			options.log('warn', 'sync_pending_dropped', { room: options.roomId, doc: options.name });
		}
		const kind =
			options.name === 'board' ? 'board' : options.name.startsWith('draft-') ? 'draft' : null;
		if (kind) prepareRoots(this.doc, kind);
		this.writers = options.store.clientWriters(options.roomId, options.name);
		this.writers.set(this.doc.clientID, SERVER_WRITER);
		this.seq = stored.lastSeq;
		this.updatesSinceSnapshot = stored.updates.length;
		this.storedBytes = stored.bytes;
		this.doc.on('update', this.onUpdate);
		this.awareness.on('update', this.onAwareness);
		// Before anyone syncs: a stored document from an earlier version is raised to this one (and
		// the migration stored); one from a newer version throws (DocumentTooNewError), unchanged.
		const versioned = versionedKindOf(options.name);
		if (versioned) migrate(this.doc, versioned);
		// A log past the threshold (left by a crash, or the threshold was lowered): only this first
		// load pays for it.
		if (this.updatesSinceSnapshot >= options.compactAfterUpdates) this.compact();
	}

	get bytes(): number {
		return this.storedBytes;
	}

	private onUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === LOAD_ORIGIN || this.failed) return;
		try {
			this.seq += 1;
			this.options.store.append(this.options.roomId, this.options.name, this.seq, update);
		} catch (error) {
			this.failed = true;
			this.options.log('error', 'sync_store_failed', {
				room: this.options.roomId,
				doc: this.options.name,
				message: String(error)
			});
			queueMicrotask(() => this.options.onStorageFailure(error));
			return;
		}
		this.storedBytes += update.length;
		this.updatesSinceSnapshot += 1;
		this.reportActivity();
		const message = updateMessage(update);
		const corrected =
			!!this.judging && (this.judging.refusals.length > 0 || this.judging.incomplete);
		const author = connectionOf(origin);
		for (const peer of this.peers) if (peer !== author || corrected) peer.send(message);
		if (this.updatesSinceSnapshot >= this.options.compactAfterUpdates) this.compact();
		const onChange = this.options.onChange;
		if (onChange) queueMicrotask(() => onChange(origin));
	};

	/**
	 * Applies a client's update as one checked transaction: what its author may not change is put
	 * back before the update is stored or sent, and the author receives the corrected result.
	 */
	applyClientUpdate(update: Uint8Array, peer: Peer, judge: Judge): GuardResult {
		const result: GuardResult = { refusals: [], incomplete: false };
		const claimed = newClients(this.doc, update);
		const foreign = claimed.filter((client) => {
			const owner = this.writers.get(client);
			return owner !== undefined && owner !== peer.writer;
		});
		// The facilitator's console holds the whole room: after a server crash that lost the last
		// second, it sends every client's missing structs again. Nobody else may.
		if (foreign.length > 0 && peer.writer !== FACILITATOR_WRITER) {
			result.refusals.push({ root: '', key: '', reason: 'written under another writer’s id' });
			return result;
		}
		// A change made in one browser comes from one client id: claim it. A resynchronisation
		// may carry other people's lost changes; it claims nothing.
		if (claimed.length === 1) this.claim(claimed[0]!, peer.writer);
		this.judging = result;
		try {
			applyGuardedUpdate(this.doc, update, clientOrigin(peer), judge, result);
		} finally {
			this.judging = null;
		}
		return result;
	}

	private claim(client: number, writer: string): void {
		if (this.writers.has(client)) return;
		this.writers.set(client, writer);
		try {
			this.options.store.bindClient(this.options.roomId, this.options.name, client, writer);
		} catch (error) {
			// Kept in memory; the next load of the room reads who wrote what from the claims stored.
			this.options.log('warn', 'sync_claim_not_stored', {
				room: this.options.roomId,
				doc: this.options.name,
				message: String(error)
			});
		}
	}

	private onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...added, ...updated, ...removed];
		if (origin && this.peers.has(origin as Peer)) {
			const ids = (origin as Peer).awarenessIds;
			for (const id of [...added, ...updated]) ids.add(id);
			// A browser announces its client id as soon as it connects, before it writes anything.
			for (const id of added) this.claim(id, (origin as Peer).writer);
			for (const id of removed) ids.delete(id);
		}
		for (const id of changed) this.pendingAwareness.add(id);
		this.awarenessTimer ??= setTimeout(this.flushAwareness, AWARENESS_BATCH_MS);
	};

	private flushAwareness = (): void => {
		this.awarenessTimer = null;
		const ids = [...this.pendingAwareness];
		this.pendingAwareness.clear();
		if (ids.length === 0 || this.peers.size === 0) return;
		const message = awarenessMessage(this.awareness, ids);
		for (const peer of this.peers) peer.send(message);
	};

	private reportActivity(): void {
		const now = Date.now();
		if (now - this.lastActivity < ACTIVITY_INTERVAL_MS) return;
		this.lastActivity = now;
		this.options.onActivity();
	}

	/** Replaces the update log by one snapshot of the whole document. */
	compact(): void {
		if (this.failed || this.updatesSinceSnapshot === 0) return;
		const snapshot = Y.encodeStateAsUpdate(this.doc);
		try {
			this.options.store.compact(this.options.roomId, this.options.name, this.seq, snapshot);
		} catch (error) {
			// The log is intact; compaction is retried later.
			this.options.log('warn', 'sync_compact_failed', {
				room: this.options.roomId,
				doc: this.options.name,
				message: String(error)
			});
			return;
		}
		this.updatesSinceSnapshot = 0;
		this.storedBytes = snapshot.length;
	}

	removePeer(peer: Peer): void {
		this.peers.delete(peer);
		if (peer.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
		}
	}

	destroy({ save }: { save: boolean }): void {
		if (save) this.compact();
		if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
		this.awarenessTimer = null;
		this.doc.off('update', this.onUpdate);
		this.awareness.off('update', this.onAwareness);
		this.awareness.destroy();
		this.doc.destroy();
		this.peers.clear();
	}
}
