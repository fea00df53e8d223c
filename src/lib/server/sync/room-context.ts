import * as Y from 'yjs';
import type { RoomContext } from '../../board/guard';
import { controlFromYdoc, type ControlSnapshot } from '../../board/control';
import { findWorkshop } from '../../workshop/catalog';
import { inVariant, type WorkshopStep } from '../../workshop/types';
import type { DocStore } from '../doc-store';
import type { RoomRepository } from '../rooms';

/**
 * What the update guard needs to know of a room: the steps of its workshop (as run, in its
 * variant) and the facilitator's control state, read from the live document when it is loaded.
 */
export class RoomContexts {
	private readonly steps = new Map<string, readonly WorkshopStep[] | null>();

	constructor(
		private readonly rooms: RoomRepository,
		private readonly store: DocStore,
		private readonly liveControl: (roomId: string) => Y.Doc | null
	) {}

	contextOf(roomId: string): RoomContext {
		return { steps: this.stepsOf(roomId), control: this.controlOf(roomId) };
	}

	private stepsOf(roomId: string): readonly WorkshopStep[] | null {
		if (!this.steps.has(roomId)) {
			const room = this.rooms.get(roomId);
			const workshop = room ? findWorkshop(room.workshop) : undefined;
			this.steps.set(roomId, workshop ? inVariant(workshop, room!.variant).steps : null);
		}
		return this.steps.get(roomId)!;
	}

	private controlOf(roomId: string): ControlSnapshot {
		const live = this.liveControl(roomId);
		if (live) return controlFromYdoc(live);
		const stored = this.store.load(roomId, 'control');
		const doc = new Y.Doc();
		try {
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const update of stored.updates) Y.applyUpdate(doc, update);
			return controlFromYdoc(doc);
		} finally {
			doc.destroy();
		}
	}

	/** Forgets what was read of a room (when it leaves memory or is erased). */
	forget(roomId: string): void {
		this.steps.delete(roomId);
	}
}
