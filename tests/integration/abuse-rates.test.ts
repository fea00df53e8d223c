// One key against the server: connections, update, presence and request rates, malformed updates,
// and the address behind a proxy. Each limit is counted per key (or per address), so opening more
// sockets or reconnecting buys an attacker nothing; each refusal has its own close code and one
// log line, and everyone else carries on.
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, notesFromYdoc } from '../../src/lib/board';
import { CLOSE } from '../../src/lib/server/sync/close-codes';
import {
	rawConnect,
	synced,
	testNote,
	until,
	useTestServer,
	type ServerFixture
} from '../helpers/server';

const WORKSHOP = 'visievorming-zorgzame-buurten';

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

const syncStep1 = () =>
	message(0, (e) => {
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
	});

const updateMessage = (update: Uint8Array) =>
	message(0, (e) => {
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint8Array(e, update);
	});

type PresenceEntry = { id: number; clock: number; state: unknown };

const awarenessMessage = (entries: PresenceEntry[]) =>
	message(1, (e) => {
		const inner = encoding.createEncoder();
		encoding.writeVarUint(inner, entries.length);
		for (const { id, clock, state } of entries) {
			encoding.writeVarUint(inner, id);
			encoding.writeVarUint(inner, clock);
			encoding.writeVarString(inner, JSON.stringify(state));
		}
		encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
	});

const queryAwareness = () => Uint8Array.of(3);

type Raw = { socket: WebSocket; closed: Promise<number>; received: Uint8Array[] };

const opened: WebSocket[] = [];
afterEach(() => {
	for (const socket of opened.splice(0)) socket.terminate();
});

async function open(url: string, headers: Record<string, string> = {}): Promise<Raw> {
	const { status, socket } = await rawConnect(url, headers);
	expect(status, 'the upgrade').toBe(101);
	opened.push(socket!);
	const received: Uint8Array[] = [];
	socket!.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	const closed = new Promise<number>((resolve) => socket!.on('close', (code) => resolve(code)));
	return { socket: socket!, closed, received };
}

function newRoom(fixture: ServerFixture) {
	const room = fixture.server.app.rooms.create({ title: 'Misbruik', workshop: WORKSHOP });
	const participant = (name = '') => fixture.server.app.rooms.addParticipant(room.id, name, 500);
	const url = (doc: string, key: string) => `${fixture.server.url}/${room.id}/${doc}?key=${key}`;
	return { room, participant, url };
}

/** The server's one log line for a connection it closed with `code`. */
const closedWith = (fixture: ServerFixture, code: number) =>
	fixture.events.filter((e) => e.event === 'sync_closed_by_server' && e.fields.code === code);

/** The facilitator writes a note and a participant receives it: the room works for everyone else. */
async function stillWorks(fixture: ServerFixture, roomId: string, keys: [string, string]) {
	const writer = fixture.client(roomId, 'board', keys[0]);
	const reader = fixture.client(roomId, 'board', keys[1]);
	await Promise.all([synced(writer), synced(reader)]);
	const id = `ok${Math.random().toString(36).slice(2, 8)}`;
	addNote(writer.doc, testNote(id, { step: 'kennismaking', author: 'w' }));
	await until(() => notesFromYdoc(reader.doc).some((n) => n.id === id), 5000, 'a note to arrive');
}

describe('connections per key', () => {
	const t = useTestServer({ connectionsPerKey: 4 });

	it('refuses a key past its connections with 429, and other keys still connect', async () => {
		const { room, participant, url } = newRoom(t);
		const greedy = participant().key;
		const sockets: Raw[] = [];
		for (let i = 0; i < 4; i++) sockets.push(await open(url(i % 2 ? 'board' : 'control', greedy)));
		expect((await rawConnect(url('board', greedy))).status).toBe(429);
		expect((await rawConnect(url('draft', greedy))).status).toBe(429);
		const refusals = t.events.filter(
			(e) => e.event === 'sync_refused' && e.fields.reason === 'too many connections for this key'
		);
		expect(refusals).toHaveLength(2);
		// Others are not counted against that key.
		for (const key of [participant().key, room.facilitatorKey, room.viewerKey]) {
			const other = await rawConnect(url('board', key));
			expect(other.status).toBe(101);
			other.socket!.close();
		}
		// A closed connection gives its seat back.
		sockets[0]!.socket.close();
		await until(() => t.server.app.sync.stats().connections === 3, 5000, 'the close');
		expect((await open(url('board', greedy))).socket.readyState).toBe(WebSocket.OPEN);
	});
});

describe('a full room', () => {
	const t = useTestServer({ connectionsPerRoom: 6, connectionsPerKey: 8 });

	it('still admits the facilitator and the projector when participants hold every seat', async () => {
		const { room, participant, url } = newRoom(t);
		for (let i = 0; i < 6; i++) await open(url('board', participant().key));
		expect((await rawConnect(url('board', participant().key))).status).toBe(503);
		expect(
			t.events.filter((e) => e.event === 'sync_refused' && e.fields.reason === 'room full')
		).toHaveLength(1);
		for (const doc of ['control', 'board']) {
			await open(url(doc, room.facilitatorKey));
			await open(url(doc, room.viewerKey));
		}
		const console = t.client(room.id, 'control', room.facilitatorKey);
		await synced(console);
	});
});

describe('updates per key', () => {
	const t = useTestServer({ updatesPerSecond: 5 });

	it('counts updates per key across reconnects: a new socket does not get a new allowance', async () => {
		const { room, participant, url } = newRoom(t);
		const { id, key } = participant();
		const source = new Y.Doc();
		const updates: Uint8Array[] = [];
		source.on('update', (update: Uint8Array) => updates.push(update));
		for (let i = 0; i < 16; i++) addNote(source, testNote(`n${i}`, { author: id }));
		// Eight updates (within the burst of ten), then the socket goes and a new one comes.
		const first = await open(url('board', key));
		for (const update of updates.slice(0, 8)) first.socket.send(updateMessage(update));
		first.socket.close();
		expect(await first.closed).toBe(1005);
		const second = await open(url('board', key));
		for (const update of updates.slice(8)) second.socket.send(updateMessage(update));
		expect(await second.closed).toBe(CLOSE.tooManyUpdates);
		expect(closedWith(t, CLOSE.tooManyUpdates)).toHaveLength(1);
		await stillWorks(t, room.id, [room.facilitatorKey, participant().key]);
	});
});

describe('presence', () => {
	const t = useTestServer({
		awarenessPerSecond: 5,
		maxAwarenessBytes: 1024,
		awarenessIdsPerConnection: 1
	});

	it('closes a key that sends presence faster than the rate, across reconnects', async () => {
		const { room, participant, url } = newRoom(t);
		const first = await open(url('board', room.viewerKey));
		for (let clock = 1; clock <= 8; clock++) {
			first.socket.send(awarenessMessage([{ id: 77, clock, state: { role: 'viewer' } }]));
		}
		first.socket.close();
		await first.closed;
		const second = await open(url('board', room.viewerKey));
		for (let clock = 9; clock <= 16; clock++) {
			second.socket.send(awarenessMessage([{ id: 77, clock, state: { role: 'viewer' } }]));
		}
		expect(await second.closed).toBe(CLOSE.tooManyPresence);
		expect(closedWith(t, CLOSE.tooManyPresence)).toHaveLength(1);
		await stillWorks(t, room.id, [room.facilitatorKey, participant().key]);
	});

	it('refuses a presence state over MAX_AWARENESS_BYTES, and nobody sees it', async () => {
		const { room, participant, url } = newRoom(t);
		const watcher = t.client(room.id, 'board', participant().key);
		await synced(watcher);
		const attacker = await open(url('board', room.viewerKey));
		attacker.socket.send(
			awarenessMessage([{ id: 91, clock: 1, state: { role: 'viewer', pad: 'x'.repeat(2000) } }])
		);
		expect(await attacker.closed).toBe(CLOSE.presenceRefused);
		expect(closedWith(t, CLOSE.presenceRefused)[0]?.fields.reason).toBe('presence state too large');
		watcher.provider.awareness.setLocalStateField('role', 'participant');
		await stillWorks(t, room.id, [room.facilitatorKey, participant().key]);
		expect(watcher.provider.awareness.getStates().has(91)).toBe(false);
	});

	it('lets one connection announce one presence id: no crowd of fake participants', async () => {
		const { room, participant, url } = newRoom(t);
		const watcher = t.client(room.id, 'board', participant().key);
		await synced(watcher);
		const attacker = await open(url('board', room.viewerKey));
		const fakes = Array.from({ length: 50 }, (_, i) => ({
			id: 1000 + i,
			clock: 1,
			state: { role: 'participant' }
		}));
		attacker.socket.send(awarenessMessage(fakes));
		// Presence is relayed in batches: a later change of the watcher's own arrives after it.
		watcher.provider.awareness.setLocalStateField('role', 'participant');
		const other = t.client(room.id, 'board', participant().key);
		await synced(other);
		await until(
			() => other.provider.awareness.getStates().has(watcher.doc.clientID),
			5000,
			'presence relayed'
		);
		const seen = [...other.provider.awareness.getStates().keys()];
		expect(seen.filter((id) => id >= 1000 && id < 1050)).toEqual([1000]);
	});

	it("ignores another key's presence id: nobody can remove or rename someone else", async () => {
		const { room, participant, url } = newRoom(t);
		const victim = t.client(room.id, 'board', participant().key);
		const watcher = t.client(room.id, 'board', participant().key);
		await Promise.all([synced(victim), synced(watcher)]);
		victim.provider.awareness.setLocalStateField('role', 'participant');
		const victimId = victim.doc.clientID;
		const presence = (client: typeof watcher) => client.provider.awareness.getStates();
		await until(() => presence(watcher).get(victimId)?.role === 'participant', 5000, 'presence');
		const clock = victim.provider.awareness.meta.get(victimId)!.clock;
		const attacker = await open(url('board', participant().key));
		// A "left" (null) state with a later clock would remove the victim from every screen.
		attacker.socket.send(awarenessMessage([{ id: victimId, clock: clock + 5, state: null }]));
		attacker.socket.send(
			awarenessMessage([{ id: victimId, clock: clock + 6, state: { role: 'facilitator' } }])
		);
		// A newcomer receives every state the server holds: the victim's is untouched.
		const newcomer = t.client(room.id, 'board', participant().key);
		await synced(newcomer);
		await until(() => presence(newcomer).has(victimId), 5000, 'the newcomer to see the victim');
		expect(presence(newcomer).get(victimId)).toEqual({ role: 'participant' });
		expect(presence(watcher).get(victimId)).toEqual({ role: 'participant' });
	});

	it('keeps real clients, which send every presence change they receive back', async () => {
		const { room, participant } = newRoom(t);
		const clients = Array.from({ length: 6 }, () => t.client(room.id, 'board', participant().key));
		await Promise.all(clients.map(synced));
		for (let round = 0; round < 4; round++) {
			clients.forEach((c, i) =>
				c.provider.awareness.setLocalState({ role: 'participant', i, round })
			);
			await new Promise((resolve) => setTimeout(resolve, 120));
		}
		await until(
			() =>
				clients.every((c) =>
					clients.every((o) => c.provider.awareness.getStates().get(o.doc.clientID)?.round === 3)
				),
			5000,
			'everyone to see everyone'
		);
		expect(t.events.filter((e) => e.event === 'sync_closed_by_server')).toEqual([]);
	});
});

describe('sync requests', () => {
	const t = useTestServer({ syncRequestsPerMinute: 5 });

	it('bounds sync step 1 requests per key: no amplification from a few bytes', async () => {
		const { room, participant, url } = newRoom(t);
		const facilitator = t.client(room.id, 'board', room.facilitatorKey);
		await synced(facilitator);
		for (let i = 0; i < 20; i++)
			addNote(facilitator.doc, testNote(`n${i}`, { text: 'x'.repeat(400) }));
		const key = participant().key;
		const first = await open(url('board', key));
		for (let i = 0; i < 3; i++) first.socket.send(syncStep1());
		first.socket.close();
		await first.closed;
		const second = await open(url('board', key));
		for (let i = 0; i < 40; i++) second.socket.send(syncStep1());
		expect(await second.closed).toBe(CLOSE.tooManyRequests);
		const answers = [...first.received, ...second.received].filter((m) => m[0] === 0 && m[1] === 1);
		expect(answers.length).toBeLessThanOrEqual(5);
		expect(closedWith(t, CLOSE.tooManyRequests)).toHaveLength(1);
		await stillWorks(t, room.id, [room.facilitatorKey, participant().key]);
	});

	it('counts presence queries (answered with everyone present) as requests too', async () => {
		const { room, url } = newRoom(t);
		const raw = await open(url('board', room.viewerKey));
		for (let i = 0; i < 20; i++) raw.socket.send(queryAwareness());
		expect(await raw.closed).toBe(CLOSE.tooManyRequests);
	});
});

describe('malformed updates', () => {
	const t = useTestServer();

	it('refuses an update whose declared counts exceed its bytes before Yjs reads it', async () => {
		const { room, participant, url } = newRoom(t);
		// 11 bytes: one client with 32 million structs, for which Yjs would allocate an array first.
		const hostile = Uint8Array.from([1, 128, 192, 179, 143, 0, 7, 72, 136, 1, 7]);
		const attacker = await open(url('board', participant().key));
		attacker.socket.send(updateMessage(hostile));
		expect(await attacker.closed).toBe(CLOSE.malformedMessage);
		// Refused by the pre-check, not by Yjs failing on it (which logs sync_malformed_message).
		expect(String(closedWith(t, CLOSE.malformedMessage)[0]?.fields.reason)).toMatch(
			/^malformed update: structs: 32301056 declared/
		);
		expect(t.events.filter((e) => e.event === 'sync_malformed_message')).toEqual([]);
		await stillWorks(t, room.id, [room.facilitatorKey, participant().key]);
	});
});

describe('the address behind a proxy', () => {
	const t = useTestServer({ addressHeader: 'X-Forwarded-For', connectionsPerAddress: 2 });

	it('counts connections per address from ADDRESS_HEADER, as the HTTP side does', async () => {
		const { room, participant, url } = newRoom(t);
		// What a proxy sends: whatever the client claimed, then the address the proxy saw.
		const from = (address: string) => ({ 'X-Forwarded-For': `10.9.9.9, ${address}` });
		await open(url('board', participant().key), from('203.0.113.5'));
		await open(url('board', participant().key), from('203.0.113.5'));
		expect((await rawConnect(url('board', participant().key), from('203.0.113.5'))).status).toBe(
			429
		);
		const refused = t.events.find((e) => e.event === 'sync_refused');
		expect(refused?.fields.address).toBe('203.0.113.5');
		// Another address behind the same proxy (the same socket peer) still gets in.
		await open(url('board', room.facilitatorKey), from('198.51.100.7'));
	});
});
