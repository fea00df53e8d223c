// A real sync server on port 0 with a real SQLite file, for integration tests.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { NewNote } from '../../src/lib/board';
import { createApp, type App } from '../../src/lib/server/app';
import { loadConfig, type Limits } from '../../src/lib/server/config';
import { silentLogger, type Logger } from '../../src/lib/server/log';
import { MESSAGE_REFUSED } from '../../src/lib/server/sync/messages';

export type TestServer = {
	app: App;
	http: http.Server;
	port: number;
	url: string;
	stop(): Promise<void>;
};

export function tempDataDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-test-'));
}

export async function startServer(
	dataDir: string,
	limits: Partial<Limits> = {},
	log: Logger = silentLogger
): Promise<TestServer> {
	const base = loadConfig({ DATA_DIR: dataDir });
	const app = createApp({ ...base, limits: { ...base.limits, ...limits } }, log);
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (request, socket, head) => {
		if (!app.sync.handleUpgrade(request, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	let stopped = false;
	return {
		app,
		http: server,
		port,
		url: `ws://127.0.0.1:${port}/sync`,
		async stop() {
			if (stopped) return;
			stopped = true;
			await app.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

export type Client = { doc: Y.Doc; provider: WebsocketProvider; destroy(): void };

export function connect(url: string, roomId: string, docName: string, key: string): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, `${roomId}/${docName}`, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { key },
		disableBc: true,
		maxBackoffTime: 200
	});
	// The server's "your change was put back" message: the app shows it; tests read the log.
	provider.messageHandlers[MESSAGE_REFUSED] = () => {};
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			// The provider leaves its awareness (and the awareness's interval) alive.
			provider.awareness.destroy();
			doc.destroy();
		}
	};
}

export function until(
	condition: () => boolean,
	timeoutMs = 5000,
	what: string | (() => string) = 'condition'
): Promise<void> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const tick = () => {
			if (condition()) return resolve();
			if (Date.now() - started > timeoutMs)
				return reject(
					new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`)
				);
			setTimeout(tick, 10);
		};
		tick();
	});
}

export const synced = (client: Client) => until(() => client.provider.synced, 15_000, 'sync');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens a raw socket and reports how the server answered: open, or the HTTP status it refused with.
 * `headers` are sent with the upgrade request (e.g. the address a proxy would add).
 */
export function rawConnect(
	url: string,
	headers: Record<string, string> = {}
): Promise<{ status: number; socket: WebSocket | null }> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, { headers });
		socket.on('open', () => resolve({ status: 101, socket }));
		socket.on('unexpected-response', (_request, response) =>
			resolve({ status: response.statusCode ?? 0, socket: null })
		);
		socket.on('error', (error) => reject(error));
	});
}

/** A note for tests; any field can be overridden. */
export function testNote(id: string, fields: Partial<NewNote> = {}): NewNote {
	return {
		id,
		text: `notitie ${id}`,
		step: 's',
		author: 'p',
		authorName: '',
		created: Date.now(),
		...fields
	};
}

export type LoggedEvent = { level: string; event: string; fields: Record<string, unknown> };

export type ServerFixture = {
	dataDir: string;
	server: TestServer;
	/** What the server logged during the current test, oldest first. */
	events: LoggedEvent[];
	/** Connects a client that is destroyed after the test. */
	client(roomId: string, docName: string, key: string): Client;
	/** Destroys the clients, stops the server and starts a new one on the same data. */
	restart(limits?: Partial<Limits>): Promise<void>;
	destroyClients(): void;
};

/** A fresh server (and data folder) for each test, and every client cleaned up after it. */
export function useTestServer(limits: Partial<Limits> = {}): ServerFixture {
	const clients: Client[] = [];
	const fixture: ServerFixture = {
		dataDir: '',
		server: undefined as unknown as TestServer,
		events: [],
		client(roomId, docName, key) {
			const c = connect(fixture.server.url, roomId, docName, key);
			clients.push(c);
			return c;
		},
		destroyClients() {
			for (const c of clients.splice(0)) c.destroy();
		},
		async restart(newLimits = limits) {
			fixture.destroyClients();
			await fixture.server.stop();
			fixture.server = await startServer(fixture.dataDir, newLimits, record);
		}
	};
	const record: Logger = (level, event, fields = {}) => {
		fixture.events.push({ level, event, fields });
	};
	beforeEach(async () => {
		fixture.dataDir = tempDataDir();
		fixture.events = [];
		fixture.server = await startServer(fixture.dataDir, limits, record);
	});
	afterEach(async () => {
		fixture.destroyClients();
		await fixture.server.stop();
	});
	return fixture;
}
