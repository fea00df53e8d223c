// The per-room and per-address connection limits are counted as connections come and go (not
// over every connection at each upgrade): a seat comes back when its connection closes, whether
// the client closed it or the server dropped it, and other rooms and addresses are not counted.
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { rawConnect, until, useTestServer } from '../helpers/server';

const WORKSHOP = 'visievorming-zorgzame-buurten';
const opened: WebSocket[] = [];
afterEach(() => {
	for (const socket of opened.splice(0)) socket.terminate();
});

async function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
	const { status, socket } = await rawConnect(url, headers);
	expect(status, 'the upgrade').toBe(101);
	opened.push(socket!);
	return socket!;
}

describe('connections per room', () => {
	const t = useTestServer({ connectionsPerRoom: 3, connectionsPerKey: 10 });
	const connections = () => t.server.app.sync.stats().connections;

	it('gives a seat back when a connection closes or is terminated, and counts each room apart', async () => {
		const room = t.server.app.rooms.create({ title: 'Tellen', workshop: WORKSHOP });
		const other = t.server.app.rooms.create({ title: 'Ander', workshop: WORKSHOP });
		const seat = (id: string) =>
			`${t.server.url}/${id}/board?key=${t.server.app.rooms.addParticipant(id, '', 500).key}`;
		const sockets = [
			await open(seat(room.id)),
			await open(seat(room.id)),
			await open(seat(room.id))
		];
		expect((await rawConnect(seat(room.id))).status).toBe(503);
		// Another room has its own seats.
		const elsewhere = await open(seat(other.id));
		sockets[0]!.close();
		await until(() => connections() === 3, 5000, 'the close');
		sockets.push(await open(seat(room.id)));
		expect((await rawConnect(seat(room.id))).status).toBe(503);
		sockets[1]!.terminate();
		elsewhere.terminate();
		await until(() => connections() === 2, 5000, 'the terminations');
		await open(seat(room.id));
		expect((await rawConnect(seat(room.id))).status).toBe(503);
	});
});

describe('connections per address', () => {
	const t = useTestServer({ addressHeader: 'X-Forwarded-For', connectionsPerAddress: 2 });
	const connections = () => t.server.app.sync.stats().connections;

	it('counts each address apart and gives a seat back when a connection closes', async () => {
		const room = t.server.app.rooms.create({ title: 'Adres', workshop: WORKSHOP });
		const url = `${t.server.url}/${room.id}/board?key=${room.viewerKey}`;
		const from = (address: string) => ({ 'X-Forwarded-For': address });
		const first = await open(url, from('203.0.113.1'));
		await open(url, from('203.0.113.1'));
		expect((await rawConnect(url, from('203.0.113.1'))).status).toBe(429);
		await open(url, from('203.0.113.2'));
		first.close();
		await until(() => connections() === 2, 5000, 'the close');
		await open(url, from('203.0.113.1'));
		expect((await rawConnect(url, from('203.0.113.1'))).status).toBe(429);
	});
});
