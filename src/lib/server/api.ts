// The HTTP API's logic; the +server.ts routes only translate requests and responses.
import * as v from 'valibot';
import { MAX_NAME_LENGTH } from '../board/notes';
import { findWorkshop } from '../workshop/catalog';
import { inVariant, publicWorkshop } from '../workshop/types';
import type { App } from './app';
import { HttpError } from './http';
import { RoomFullError, type Access, type CreatedRoom, type Room } from './rooms';

export const CreateRoomBody = v.object({
	workshop: v.pipe(
		v.string('workshop must be a workshop id'),
		v.trim(),
		v.minLength(1, 'choose a workshop'),
		v.maxLength(100)
	),
	variant: v.optional(v.pipe(v.string('variant must be text'), v.maxLength(40)), ''),
	title: v.optional(
		v.pipe(
			v.string('title must be text'),
			v.trim(),
			v.maxLength(200, 'title holds at most 200 characters')
		),
		''
	)
});

export const JoinBody = v.object({
	code: v.pipe(v.string('code must be text'), v.maxLength(20, 'code is too long')),
	name: v.optional(
		v.pipe(
			v.string('name must be text'),
			v.trim(),
			v.maxLength(MAX_NAME_LENGTH, `name holds at most ${MAX_NAME_LENGTH} characters`)
		),
		''
	)
});

export function createRoom(app: App, body: v.InferOutput<typeof CreateRoomBody>, origin: string) {
	const workshop = findWorkshop(body.workshop);
	if (!workshop) throw new HttpError(400, `workshop: unknown workshop "${body.workshop}"`);
	if (body.variant && !workshop.variants?.some((variant) => variant.id === body.variant)) {
		const known =
			(workshop.variants ?? []).map((variant) => `"${variant.id}"`).join(', ') || 'none';
		throw new HttpError(
			400,
			`variant: unknown variant "${body.variant}" (this workshop has ${known})`
		);
	}
	const room = app.rooms.create({
		title: body.title || workshop.title.nl,
		workshop: workshop.id,
		variant: body.variant
	});
	app.log('info', 'room_created', { room: room.id, workshop: workshop.id });
	return roomLinks(room, origin);
}

/** What creating (or importing) a room answers: its code, keys and links. */
export function roomLinks(room: CreatedRoom, origin: string) {
	return {
		id: room.id,
		joinCode: room.joinCode,
		title: room.title,
		workshop: room.workshop,
		facilitatorKey: room.facilitatorKey,
		viewerKey: room.viewerKey,
		urls: {
			facilitator: `${origin}/r/${room.id}/begeleider#key=${room.facilitatorKey}&viewer=${room.viewerKey}`,
			projector: `${origin}/r/${room.id}/projector#key=${room.viewerKey}`,
			join: `${origin}/join/${room.joinCode}`,
			report: `${origin}/api/rooms/${room.id}/report.html?key=${room.viewerKey}`
		}
	};
}

export function joinRoom(app: App, body: v.InferOutput<typeof JoinBody>, address: string) {
	const room = app.rooms.findByCode(body.code);
	if (!room) {
		// Only failures count, so a full room behind one address always gets in; past the
		// limit, wrong codes from that address are answered 429 instead of 404.
		const retryMs = app.failedJoins.retryAfterMs(address);
		if (retryMs > 0) {
			app.log('warn', 'join_throttled', { address });
			throw new HttpError(429, 'too many wrong codes; wait a moment and try again', {
				'Retry-After': String(Math.ceil(retryMs / 1000))
			});
		}
		app.failedJoins.recordFailure(address);
		throw new HttpError(404, 'no workshop with this code');
	}
	try {
		const participant = app.rooms.addParticipant(
			room.id,
			body.name,
			app.config.limits.participantsPerRoom
		);
		return {
			roomId: room.id,
			participantId: participant.id,
			participantKey: participant.key,
			name: participant.name
		};
	} catch (error) {
		if (error instanceof RoomFullError) throw new HttpError(409, 'this workshop is full');
		throw error;
	}
}

/** The room and the caller's role; 404 for an unknown room, 401 for a missing or wrong key. */
export function requireAccess(
	app: App,
	roomId: string,
	key: string | null
): { room: Room; access: Access } {
	const room = app.rooms.get(roomId);
	if (!room) throw new HttpError(404, 'no such room');
	const access = key ? app.rooms.authorize(roomId, key) : null;
	if (!access)
		throw new HttpError(401, 'a valid key is needed (Authorization: Bearer <key>, or ?key=…)');
	return { room, access };
}

export function roomInfo(app: App, roomId: string, key: string | null) {
	const { room, access } = requireAccess(app, roomId, key);
	const installed = findWorkshop(room.workshop);
	if (!installed)
		throw new HttpError(500, `the workshop "${room.workshop}" of this room is no longer installed`);
	const workshop = inVariant(
		access.role === 'facilitator' ? installed : publicWorkshop(installed),
		room.variant
	);
	return {
		id: room.id,
		title: room.title,
		joinCode: room.joinCode,
		workshop,
		role: access.role,
		participantId: access.participantId
	};
}

export function deleteRoom(app: App, roomId: string, key: string | null): void {
	const { access } = requireAccess(app, roomId, key);
	if (access.role !== 'facilitator')
		throw new HttpError(403, 'only the facilitator key can erase a room');
	app.eraseRoom(roomId);
	app.log('info', 'room_deleted', { room: roomId });
}
