// The workshop a room runs. A room lives for months; its workshop file may be edited (a typo
// fixed, a step added) or removed meanwhile. A room keeps the workshop as it began with it, and
// uses the installed file only while that file still has the room's steps.
import { createHash } from 'node:crypto';
import { findWorkshop } from '../workshop/catalog';
import { inVariant, type Workshop } from '../workshop/types';
import type { Room, RoomRepository } from './rooms';

export type RoomWorkshop =
	| {
			workshop: Workshop;
			/** `installed`: the file as installed now; `copy`: as it was when the room began. */
			source: 'installed' | 'copy';
			/** Why the copy is used, for the facilitator ('' with the installed file). */
			note: string;
	  }
	| { workshop: null; source: 'missing'; note: string };

/** What a room keeps of its workshop when it begins. */
export function workshopCopy(workshop: Workshop): { json: string; hash: string } {
	const json = JSON.stringify(workshop);
	return { json, hash: createHash('sha256').update(json).digest('hex') };
}

/** The steps a room depends on: their ids and types, in order, in the room's variant. */
function shapeOf(workshop: Workshop, variant: string): string {
	return inVariant(workshop, variant)
		.steps.map((step) => `${step.id}:${step.type}`)
		.join(',');
}

export function workshopOfRoom(rooms: RoomRepository, room: Room): RoomWorkshop {
	const installed = findWorkshop(room.workshop) ?? null;
	const kept = rooms.workshopCopy(room.id);
	if (!kept) {
		if (installed) return { workshop: installed, source: 'installed', note: '' };
		return {
			workshop: null,
			source: 'missing',
			note: `the workshop "${room.workshop}" of this room is no longer installed, and the room began before rooms kept a copy of their workshop: install the file again`
		};
	}
	if (installed && workshopCopy(installed).hash === kept.hash)
		return { workshop: installed, source: 'installed', note: '' };
	const copy = JSON.parse(kept.json) as Workshop;
	if (!installed)
		return {
			workshop: copy,
			source: 'copy',
			note: `the workshop file "${room.workshop}" is no longer installed: this room runs on the copy it kept when it began`
		};
	// Edited texts are taken up; changed steps would not fit what the room holds.
	if (shapeOf(installed, room.variant) === shapeOf(copy, room.variant))
		return { workshop: installed, source: 'installed', note: '' };
	return {
		workshop: copy,
		source: 'copy',
		note: `the workshop file "${room.workshop}" has other steps now: this room keeps the steps it began with`
	};
}
