// The HTTP API's logic; the +server.ts routes only translate requests and responses.
import * as v from 'valibot';
import { MAX_NAME_LENGTH } from '../board/notes';
import { findWorkshop } from '../workshop/catalog';
import { workshopCopy, workshopOfRoom } from './room-workshop';
import { inVariant, publicWorkshop } from '../workshop/types';
import type { App } from './app';
import { HttpError } from './http';
import { isRoomFull, type Access, type CreatedRoom, type Room } from './rooms';

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
		variant: body.variant,
		copy: workshopCopy(workshop)
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

export const JoiningBody = v.object({
	open: v.boolean('open must be true or false')
});

export type JoiningState = {
	open: boolean;
	/** Why the code does not work: closed by the facilitator, or unused too long. */
	reason: 'open' | 'closed' | 'idle';
	/** When the facilitator closed it, ISO 8601. */
	closedAt: string | null;
	/** While open: when the code stops working unless there is a join or activity first. */
	expiresAt: string | null;
};

export function joiningState(app: App, room: Room): JoiningState {
	if (room.joinClosedAt !== null) {
		const closedAt = new Date(room.joinClosedAt).toISOString();
		return { open: false, reason: 'closed', closedAt, expiresAt: null };
	}
	const idleMs = app.config.limits.joinCodeIdleMs;
	if (idleMs <= 0) return { open: true, reason: 'open', closedAt: null, expiresAt: null };
	const expiresAt = room.lastActiveAt + idleMs;
	if (app.clock.now() >= expiresAt)
		return { open: false, reason: 'idle', closedAt: null, expiresAt: null };
	return {
		open: true,
		reason: 'open',
		closedAt: null,
		expiresAt: new Date(expiresAt).toISOString()
	};
}

function throttled(app: App, address: string, retryMs: number, scope: string): HttpError {
	app.log('warn', 'join_throttled', { address, scope });
	return new HttpError(
		429,
		'too many wrong codes from this network; wait a moment and try again',
		{ 'Retry-After': String(Math.ceil(retryMs / 1000)) },
		{ reason: 'throttled', retryAfterSeconds: Math.ceil(retryMs / 1000) }
	);
}

/**
 * The room a code admits to, or the refusal joining would give (throttled, unknown, closed),
 * counted as a join attempt: checking a code first (the join page does, before it greets
 * anyone) gives a guesser nothing a join would not.
 */
export function admittingRoom(app: App, code: string, address: string): Room {
	const limits = app.config.limits;
	const addressRetry = app.failedJoins.retryAfterMs(address);
	if (addressRetry > 0) throw throttled(app, address, addressRetry, 'address');
	const globalRetry = app.wrongCodes.retryAfterMs(limits.failedJoinsPerMinute);
	if (globalRetry > 0 && app.failedJoins.hasRecentFailure(address))
		throw throttled(app, address, globalRetry, 'global');

	const room = app.rooms.findByCode(code);
	if (!room) {
		app.failedJoins.recordFailure(address);
		app.wrongCodes.record();
		if (app.wrongCodes.count() === limits.failedJoinsPerMinute)
			app.log('warn', 'join_guessing', { wrongCodesPerMinute: limits.failedJoinsPerMinute });
		throw new HttpError(404, 'no workshop with this code', {}, { reason: 'unknown' });
	}
	const joining = joiningState(app, room);
	if (!joining.open) {
		throw new HttpError(
			403,
			'this session takes no new participants (the facilitator can open joining again)',
			{},
			{ reason: joining.reason === 'idle' ? 'expired' : 'closed' }
		);
	}
	return room;
}

/**
 * Joining with a code. Guessing is bounded three ways: an address past its wrong-code budget
 * is refused every join (the right code too) until its window ends; past the global budget of
 * wrong codes per minute, every address with a recent wrong code is refused; and a code works
 * only while the facilitator keeps joining open and the room has been used lately.
 */
export function joinRoom(app: App, body: v.InferOutput<typeof JoinBody>, address: string) {
	const room = admittingRoom(app, body.code, address);
	const limits = app.config.limits;
	try {
		const participant = app.rooms.addParticipant(room.id, body.name, limits.participantsPerRoom);
		return {
			roomId: room.id,
			participantId: participant.id,
			participantKey: participant.key,
			name: participant.name
		};
	} catch (error) {
		if (isRoomFull(error))
			throw new HttpError(409, 'this workshop is full', {}, { reason: 'full' });
		throw error;
	}
}

/** Opens or closes joining (facilitator key only); answers the new state. */
export function setJoining(app: App, roomId: string, key: string | null, open: boolean) {
	const { access } = requireAccess(app, roomId, key);
	if (access.role !== 'facilitator')
		throw new HttpError(403, 'only the facilitator key can open or close joining');
	app.rooms.setJoining(roomId, open);
	app.log('info', open ? 'joining_opened' : 'joining_closed', { room: roomId });
	return { joining: joiningState(app, app.rooms.get(roomId)!) };
}

/** The join state (facilitator or viewer key). */
export function getJoining(app: App, roomId: string, key: string | null) {
	const { room, access } = requireAccess(app, roomId, key);
	if (access.role === 'participant')
		throw new HttpError(403, 'only the facilitator or viewer key sees the join state');
	return { joining: joiningState(app, room) };
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
	const running = workshopOfRoom(app.rooms, room);
	if (!running.workshop) throw new HttpError(500, running.note);
	const installed = running.workshop;
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
		participantId: access.participantId,
		...(access.role === 'participant' ? {} : { joining: joiningState(app, room) }),
		...(access.role === 'facilitator'
			? { workshopSource: running.source, workshopNote: running.note }
			: {})
	};
}

export function deleteRoom(app: App, roomId: string, key: string | null): void {
	const { access } = requireAccess(app, roomId, key);
	if (access.role !== 'facilitator')
		throw new HttpError(403, 'only the facilitator key can erase a room');
	app.eraseRoom(roomId);
	app.log('info', 'room_deleted', { room: roomId });
}
