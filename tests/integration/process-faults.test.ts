// The server as a real child process, killed for real.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { addNote, controlFromYdoc, goToStep, notesFromYdoc } from '../../src/lib/board';
import { openDatabase } from '../../src/lib/server/db';
import { RoomRepository } from '../../src/lib/server/rooms';
import { connect, synced, tempDataDir, until, type Client } from '../helpers/server';

const clients: Client[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
	for (const child of children.splice(0)) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

function spawnServer(port: number, dataDir: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, [path.resolve('tests/helpers/child-server.js')], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	return new Promise((resolve, reject) => {
		let output = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('"server_started"')) resolve(child);
		});
		child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${output}`)));
	});
}

function exited(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function createRoom(dataDir: string) {
	const db = openDatabase(path.join(dataDir, 'visiewerkplaats.sqlite'));
	const rooms = new RoomRepository(db);
	const room = rooms.create({ title: 'Kill', workshop: 'visievorming-zorgzame-buurten' });
	const people = Array.from({ length: 20 }, () => rooms.addParticipant(room.id, '', 100));
	db.close();
	return { room, keys: people.map((p) => p.key), ids: people.map((p) => p.id) };
}

const ids = (c: Client) => notesFromYdoc(c.doc).map((n) => n.id);

it('keeps every contribution any client received when killed with SIGKILL mid-write', async () => {
	const dataDir = tempDataDir();
	const port = await freePort();
	const url = `ws://127.0.0.1:${port}/sync`;
	const { room, keys, ids: authors } = createRoom(dataDir);
	const server = await spawnServer(port, dataDir);
	const writers = keys.map((key) => connect(url, room.id, 'board', key));
	const observer = connect(url, room.id, 'board', room.facilitatorKey);
	clients.push(...writers, observer);
	await Promise.all(clients.map(synced));

	let counter = 0;
	const writing = setInterval(() => {
		writers.forEach((writer, w) => {
			const id = `w${w}-${counter}`;
			addNote(writer.doc, {
				id,
				text: id,
				step: 'kennismaking',
				author: authors[w]!,
				authorName: '',
				created: Date.now()
			});
		});
		counter++;
	}, 50);
	await until(() => ids(observer).length >= 200, 10_000, 'writes to flow');
	server.kill('SIGKILL');
	await exited(server);
	clearInterval(writing);
	const received = new Set(ids(observer));
	for (const writer of writers)
		for (const id of ids(writer))
			if (!id.startsWith(`w${writers.indexOf(writer)}-`)) received.add(id);

	await spawnServer(port, dataDir);
	const fresh = connect(url, room.id, 'board', room.viewerKey);
	clients.push(fresh);
	await synced(fresh);
	const stored = new Set(ids(fresh));
	for (const id of received)
		expect(stored.has(id), `${id} was received by a client but lost`).toBe(true);

	const everything = new Set(writers.flatMap(ids));
	await until(
		() => clients.every((c) => ids(c).length === everything.size),
		20_000,
		'all clients to converge'
	);
	expect(new Set(clients.map((c) => ids(c).join()))).toHaveLength(1);
}, 60_000);

it('closes sockets with "restarting" on SIGTERM, and clients carry on after the restart', async () => {
	const dataDir = tempDataDir();
	const port = await freePort();
	const url = `ws://127.0.0.1:${port}/sync`;
	const { room, keys, ids: authors } = createRoom(dataDir);
	const server = await spawnServer(port, dataDir);
	const facilitator = connect(url, room.id, 'control', room.facilitatorKey);
	const participant = connect(url, room.id, 'board', keys[0]!);
	clients.push(facilitator, participant);
	await Promise.all(clients.map(synced));
	goToStep(facilitator.doc, 4, 10);
	addNote(participant.doc, {
		id: 'voor',
		text: 'voor de herstart',
		step: 'kennismaking',
		author: authors[0]!,
		authorName: '',
		created: 1
	});
	const codes: number[] = [];
	participant.provider.on('connection-close', (event) => codes.push(event?.code ?? 0));

	await until(() => participant.provider.synced && facilitator.provider.synced);
	await new Promise((resolve) => setTimeout(resolve, 200));
	server.kill('SIGTERM');
	expect(await exited(server)).toBe(0);
	await until(() => codes.includes(1012), 5000, 'close code 1012');

	addNote(participant.doc, {
		id: 'tijdens',
		text: 'tijdens de herstart',
		step: 'kennismaking',
		author: authors[0]!,
		authorName: '',
		created: 2
	});
	await spawnServer(port, dataDir);
	const viewer = connect(url, room.id, 'board', room.viewerKey);
	const viewerControl = connect(url, room.id, 'control', room.viewerKey);
	clients.push(viewer, viewerControl);
	await until(() => ids(viewer).length === 2, 15_000, 'both notes after the restart');
	await synced(viewerControl);
	expect(controlFromYdoc(viewerControl.doc).stepIndex).toBe(4);
}, 60_000);
