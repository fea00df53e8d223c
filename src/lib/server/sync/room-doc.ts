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
import { applyStored, type DocStorage } from '../doc-store';
import type { Logger } from '../log';
import { awarenessMessage, binaryFrame, updateMessage } from './messages';

/** One live connection as the room document sees it. */
export interface Peer {
	send(message: Uint8Array): void;
	/** The same message to many peers: framed once (binaryFrame), written to each. */
	sendFrame(frame: Buffer): void;
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
/**
 * A y-websocket client sends its unchanged presence again every 15 s (checked every 3 s), and
 * others count it gone after 30 s without one. Such renewals wait up to this long, gathered per
 * document: with 40 phones in a room each renewal was a message to every phone on its own, more
 * messages than the notes themselves (scenario 8 in docs/PERFORMANCE.md). A renewal is at most
 * 18 + 3 s old when it goes out, well within the 30 s.
 */
export const RENEWAL_BATCH_MS = 3000;

/**
 * Updates another instance stored (PostgreSQL: a shared log): already stored, so never stored
 * again, only sent on. A `load` origin to every observer (drafts, undo) but its own object here.
 */
const REMOTE_ORIGIN = Object.freeze({ kind: 'load' as const });
/** Presence changes another instance announced: sent on, never announced back. */
const REMOTE_PRESENCE = Object.freeze({ kind: 'remote-presence' as const });

export type RoomDocOptions = {
	roomId: string;
	name: string;
	store: DocStorage;
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
	/** Presence sent again unchanged (renewals), sent on every RENEWAL_BATCH_MS. */
	private pendingRenewals = new Set<number>();
	/** Client ids whose presence the awareness event being handled changed (not renewed). */
	private changedNow = new Set<number>();
	/** Presence changes of this instance's own clients, for the other instances (shared store). */
	private pendingShared = new Set<number>();
	/** Appends not yet committed (asynchronous store): broadcasts wait on them, in order. */
	private pending = 0;
	private tail: Promise<void> = Promise.resolve();
	private catching = false;
	private catchAgain = false;
	private closed = false;
	private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
	private renewalTimer: ReturnType<typeof setTimeout> | null = null;
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
		applyStored(this.doc, stored, LOAD_ORIGIN);
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
		this.updatesSinceSnapshot = stored.logged;
		this.storedBytes = stored.bytes;
		this.doc.on('update', this.onUpdate);
		// 'change' (what changed) comes before 'update' (everything announced, renewals too).
		this.awareness.on('change', this.onPresenceChange);
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
		if (origin === REMOTE_ORIGIN) return this.onRemoteUpdate(update);
		let appended: void | Promise<number>;
		try {
			appended = this.options.store.append(
				this.options.roomId,
				this.options.name,
				this.seq + 1,
				update
			);
			if (!appended) this.seq += 1;
		} catch (error) {
			this.storageFailed(error);
			return;
		}
		this.storedBytes += update.length;
		this.updatesSinceSnapshot += 1;
		this.reportActivity();
		const frame = binaryFrame(updateMessage(update));
		const corrected =
			!!this.judging && (this.judging.refusals.length > 0 || this.judging.incomplete);
		const author = connectionOf(origin);
		const broadcast = () => {
			for (const peer of this.peers) if (peer !== author || corrected) peer.sendFrame(frame);
		};
		if (appended) this.afterAppend(appended, broadcast);
		else {
			broadcast();
			if (this.updatesSinceSnapshot >= this.options.compactAfterUpdates) this.compact();
		}
		const onChange = this.options.onChange;
		if (onChange) queueMicrotask(() => onChange(origin));
	};

	private storageFailed(error: unknown): void {
		if (this.failed) return;
		this.failed = true;
		this.options.log('error', 'sync_store_failed', {
			room: this.options.roomId,
			doc: this.options.name,
			message: String(error)
		});
		queueMicrotask(() => this.options.onStorageFailure(error));
	}

	/**
	 * An asynchronous store: the update goes to the others once its INSERT has committed, after
	 * every update appended before it (one chain per document keeps the order).
	 */
	private afterAppend(appended: Promise<number>, broadcast: () => void): void {
		this.pending += 1;
		const stored = appended.then((seq) => {
			if (seq === this.seq + 1) this.seq = seq;
			// Another instance appended in between: read it (its notification may come later).
			else if (seq > this.seq) this.catchUp();
		});
		// Handled where the chain reaches it (below); until then Node must not take a failure
		// for an unhandled rejection (which would end the process).
		stored.catch(() => {});
		this.tail = this.tail
			.then(() => stored)
			.then(
				() => {
					this.pending -= 1;
					if (this.failed || this.closed) return;
					broadcast();
					if (this.pending === 0 && this.updatesSinceSnapshot >= this.options.compactAfterUpdates)
						this.compact();
				},
				(error: unknown) => {
					this.pending -= 1;
					if (!this.closed) this.storageFailed(error);
				}
			);
	}

	/**
	 * Runs `send` once every update applied so far is stored: what a joining client is sent
	 * (sync step 2) holds only stored updates. At once with a synchronous store.
	 */
	whenStored(send: () => void): void {
		if (this.pending === 0) return send();
		this.tail = this.tail.then(() => {
			if (!this.failed && !this.closed) send();
		});
	}

	/** Updates another instance stored (already committed): sent on to this instance's clients. */
	private onRemoteUpdate(update: Uint8Array): void {
		this.storedBytes += update.length;
		this.updatesSinceSnapshot += 1;
		const frame = binaryFrame(updateMessage(update));
		// In the order the document took them: after this instance's own updates still being
		// stored, or a client would get an update before one it builds on (and, reconnecting
		// elsewhere, send on what it cannot place).
		this.whenStored(() => {
			for (const peer of this.peers) peer.sendFrame(frame);
		});
		const onChange = this.options.onChange;
		if (onChange) queueMicrotask(() => onChange(REMOTE_ORIGIN));
	}

	/** Another instance stored update `seq` of this document (shared store). */
	remoteAppended(seq: number): void {
		if (seq > this.seq) this.catchUp();
	}

	/** Reads and applies what the shared log holds past what this instance has read. */
	catchUp(): void {
		const store = this.options.store;
		if (!store.readSince || this.closed || this.failed) return;
		if (this.catching) {
			this.catchAgain = true;
			return;
		}
		this.catching = true;
		store
			.readSince(this.options.roomId, this.options.name, this.seq)
			.then(
				(found) => {
					if (this.closed || this.failed) return;
					this.doc.transact(() => {
						if (found.snapshot) Y.applyUpdate(this.doc, found.snapshot);
						for (const update of found.updates) Y.applyUpdate(this.doc, update);
					}, REMOTE_ORIGIN);
					this.seq = Math.max(this.seq, found.lastSeq);
				},
				(error: unknown) => {
					this.options.log('warn', 'sync_catch_up_failed', {
						room: this.options.roomId,
						doc: this.options.name,
						message: String(error)
					});
					// Read again in a second (or sooner, with the next notification).
					setTimeout(() => this.catchUp(), 1000).unref();
				}
			)
			.finally(() => {
				this.catching = false;
				if (this.catchAgain) {
					this.catchAgain = false;
					this.catchUp();
				}
			});
	}

	/** Presence changes of another instance's clients. */
	remotePresence(update: Uint8Array): void {
		if (this.closed) return;
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_PRESENCE);
	}

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
		const changedNow = this.changedNow;
		this.changedNow = new Set();
		for (const id of changed) {
			if (changedNow.has(id)) {
				this.pendingAwareness.add(id);
				this.pendingRenewals.delete(id);
			} else if (!this.pendingAwareness.has(id)) this.pendingRenewals.add(id);
		}
		if (origin !== REMOTE_PRESENCE && this.options.store.publishPresence)
			for (const id of changed) this.pendingShared.add(id);
		if (this.pendingAwareness.size > 0 || this.pendingShared.size > 0)
			this.awarenessTimer ??= setTimeout(this.flushAwareness, AWARENESS_BATCH_MS);
		if (this.pendingRenewals.size > 0)
			this.renewalTimer ??= setTimeout(this.flushRenewals, RENEWAL_BATCH_MS);
	};

	private onPresenceChange = ({
		added,
		updated,
		removed
	}: {
		added: number[];
		updated: number[];
		removed: number[];
	}): void => {
		for (const id of [...added, ...updated, ...removed]) this.changedNow.add(id);
	};

	private flushRenewals = (): void => {
		this.renewalTimer = null;
		for (const id of this.pendingRenewals) this.pendingAwareness.add(id);
		this.pendingRenewals.clear();
		this.flushAwareness();
	};

	private flushAwareness = (): void => {
		this.awarenessTimer = null;
		const ids = [...this.pendingAwareness];
		this.pendingAwareness.clear();
		for (const id of ids) this.pendingRenewals.delete(id);
		const shared = [...this.pendingShared];
		this.pendingShared.clear();
		if (shared.length > 0)
			this.options.store.publishPresence?.(
				this.options.roomId,
				this.options.name,
				awarenessProtocol.encodeAwarenessUpdate(this.awareness, shared)
			);
		if (ids.length === 0 || this.peers.size === 0) return;
		const frame = binaryFrame(awarenessMessage(this.awareness, ids));
		for (const peer of this.peers) peer.sendFrame(frame);
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
		const failed = (error: unknown) =>
			// The log is intact; compaction is retried later.
			this.options.log('warn', 'sync_compact_failed', {
				room: this.options.roomId,
				doc: this.options.name,
				message: String(error)
			});
		let compacted: void | Promise<void>;
		try {
			// Up to what this instance has read without a gap: the snapshot holds all of that (and
			// perhaps more, which the log keeps as well).
			compacted = this.options.store.compact(
				this.options.roomId,
				this.options.name,
				this.seq,
				snapshot
			);
		} catch (error) {
			failed(error);
			return;
		}
		if (compacted) compacted.catch(failed);
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
		this.closed = true;
		// The last clients' departure, for the other instances (shared store).
		if (this.pendingShared.size > 0) this.flushAwareness();
		if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
		this.awarenessTimer = null;
		if (this.renewalTimer) clearTimeout(this.renewalTimer);
		this.renewalTimer = null;
		this.doc.off('update', this.onUpdate);
		this.awareness.off('update', this.onAwareness);
		this.awareness.off('change', this.onPresenceChange);
		this.awareness.destroy();
		this.doc.destroy();
		this.peers.clear();
	}
}
