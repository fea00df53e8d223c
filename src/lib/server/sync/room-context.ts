import * as Y from 'yjs';
import type { RoomContext } from '../../board/guard';
import { controlFromYdoc, type ControlSnapshot } from '../../board/control';
import { inVariant, type WorkshopStep } from '../../workshop/types';
import { applyStored, type DocStorage } from '../doc-store';
import { workshopOfRoom } from '../room-workshop';
import type { RoomRepository } from '../rooms';

/**
 * What the update guard needs to know of a room: the steps of its workshop (as run, in its
 * variant) and the facilitator's control state, read from the live document when it is loaded.
 */
export class RoomContexts {
	private readonly steps = new Map<string, readonly WorkshopStep[] | null>();
	/** Control states read from storage (no one has the document open), until it changes. */
	private readonly storedControl = new Map<string, ControlSnapshot>();

	constructor(
		private readonly rooms: RoomRepository,
		private readonly store: DocStorage,
		private readonly liveControl: (roomId: string) => Y.Doc | null
	) {}

	contextOf(roomId: string): RoomContext {
		return { steps: this.stepsOf(roomId), control: this.controlOf(roomId) };
	}

	private stepsOf(roomId: string): readonly WorkshopStep[] | null {
		if (!this.steps.has(roomId)) {
			const room = this.rooms.get(roomId);
			const workshop = room ? workshopOfRoom(this.rooms, room).workshop : null;
			this.steps.set(roomId, workshop ? inVariant(workshop, room!.variant).steps : null);
		}
		return this.steps.get(roomId)!;
	}

	private controlOf(roomId: string): ControlSnapshot {
		const live = this.liveControl(roomId);
		if (live) return controlFromYdoc(live);
		// Read from SQLite once, not on every participant change (a read can wait on the
		// checkpointer's lock, and every room waits with it).
		const cached = this.storedControl.get(roomId);
		if (cached) return cached;
		const snapshot = this.readStoredControl(roomId);
		this.storedControl.set(roomId, snapshot);
		return snapshot;
	}

	private readStoredControl(roomId: string): ControlSnapshot {
		const stored = this.store.load(roomId, 'control');
		const doc = new Y.Doc();
		try {
			applyStored(doc, stored, null);
			return controlFromYdoc(doc);
		} finally {
			doc.destroy();
		}
	}

	/** The control document changed (it is open, so it is read live until it closes). */
	controlChanged(roomId: string): void {
		this.storedControl.delete(roomId);
	}

	/** Forgets what was read of a room (when it is erased). */
	forget(roomId: string): void {
		this.steps.delete(roomId);
		this.storedControl.delete(roomId);
	}
}
