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
import { migrate } from '../../board/schema';
import type { DocStore } from '../doc-store';
import type { Logger } from '../log';
import { awarenessMessage, updateMessage } from './messages';

/** One live connection as the room document sees it. */
export interface Peer {
	send(message: Uint8Array): void;
	/** Awareness client ids this peer has announced, removed when it leaves. */
	readonly awarenessIds: Set<number>;
}

const LOADING = Symbol('loading from storage');
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

	constructor(private readonly options: RoomDocOptions) {
		this.awareness.setLocalState(null);
		const stored = options.store.load(options.roomId, options.name);
		this.doc.transact(() => {
			if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
			for (const update of stored.updates) Y.applyUpdate(this.doc, update);
		}, LOADING);
		// Structs stored before updates were checked may wait for something that never came: they
		// would never show, but would count against every later update (and be stored again).
		if (hasPending(this.doc)) {
			dropPending(this.doc);
			options.log('warn', 'sync_pending_dropped', { room: options.roomId, doc: options.name });
		}
		const kind =
			options.name === 'board' ? 'board' : options.name.startsWith('draft-') ? 'draft' : null;
		if (kind) prepareRoots(this.doc, kind);
		this.seq = stored.lastSeq;
		this.updatesSinceSnapshot = stored.updates.length;
		this.storedBytes = stored.bytes;
		this.doc.on('update', this.onUpdate);
		this.awareness.on('update', this.onAwareness);
		if (options.name === 'board' || options.name === 'control') migrate(this.doc);
		// A log past the threshold (left by a crash, or the threshold was lowered): only this first
		// load pays for it.
		if (this.updatesSinceSnapshot >= options.compactAfterUpdates) this.compact();
	}

	get bytes(): number {
		return this.storedBytes;
	}

	private onUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === LOADING || this.failed) return;
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
		for (const peer of this.peers) if (peer !== origin || corrected) peer.send(message);
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
		this.judging = result;
		try {
			applyGuardedUpdate(this.doc, update, peer, judge, result);
		} finally {
			this.judging = null;
		}
		return result;
	}

	private onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...added, ...updated, ...removed];
		if (origin && this.peers.has(origin as Peer)) {
			const ids = (origin as Peer).awarenessIds;
			for (const id of [...added, ...updated]) ids.add(id);
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
