// Real y-websocket providers (with `ws`) in the benchmark process, and latency bookkeeping:
// a writer notes the time just before it adds a note; every other client in the room records
// how long the note took to arrive. Both times come from this process's clock.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addNote } from '../../src/lib/board';
import { notesRoot } from '../../src/lib/board/roots';

export type Client = {
	room: string;
	/** The participant this client writes as (its key's participant id). */
	author: string;
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Connections lost after the first sync. */
	drops: number;
	closing: boolean;
};

/** Send times of notes (performance.now()) and the latencies of their arrivals. */
export class Deliveries {
	readonly sent = new Map<string, number>();
	readonly latencies: number[] = [];
	expected = 0;

	watch(client: Client): void {
		notesRoot(client.doc).observe((event) => {
			if (event.transaction.local) return; // the writer's own note
			const now = performance.now();
			for (const [id, change] of event.changes.keys) {
				const sent = this.sent.get(id);
				if (change.action === 'add' && sent !== undefined) this.latencies.push(now - sent);
			}
		});
	}

	/** Adds a note through `writer`; `receivers` clients are expected to receive it. */
	write(writer: Client, id: string, receivers: number): void {
		this.expected += receivers;
		this.sent.set(id, performance.now());
		addNote(writer.doc, {
			id,
			// The first step (a round): a participant may write there from the start, under their own id.
			step: 'kennismaking',
			column: '',
			text: `Bijdrage ${id}: een buurt waar mensen elkaar kennen en helpen.`,
			author: writer.author,
			authorName: '',
			created: Date.now()
		});
	}

	/** Waits until every expected arrival came in, or `timeoutMs` passed. */
	async drain(timeoutMs: number): Promise<void> {
		const until = performance.now() + timeoutMs;
		while (this.latencies.length < this.expected && performance.now() < until) await sleep(50);
	}
}

// Every provider adds a process 'exit' listener.
process.setMaxListeners(0);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function open(url: string, room: string, key: string, author: string): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, `${room}/board`, doc, {
		params: { key },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		// In Node, providers of one process would otherwise also sync over BroadcastChannel.
		disableBc: true
	});
	const client: Client = { room, author, doc, provider, drops: 0, closing: false };
	provider.on('connection-close', () => {
		if (!client.closing && (provider.synced || client.drops > 0)) client.drops++;
	});
	return client;
}

function synced(client: Client, timeoutMs: number): Promise<void> {
	if (client.provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('a client did not sync in time')), timeoutMs);
		client.provider.once('sync', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/** Connects one client per (room, key), `batch` at a time, each batch waiting for its sync. */
export async function connectAll(
	url: string,
	seats: { room: string; key: string; author: string }[],
	batch = 100
): Promise<Client[]> {
	const clients: Client[] = [];
	for (let i = 0; i < seats.length; i += batch) {
		const opened = seats
			.slice(i, i + batch)
			.map(({ room, key, author }) => open(url, room, key, author));
		clients.push(...opened);
		await Promise.all(opened.map((client) => synced(client, 60_000)));
	}
	return clients;
}

export function closeAll(clients: Client[]): void {
	for (const client of clients) {
		client.closing = true;
		client.provider.destroy();
		client.doc.destroy();
	}
}

/** Value at fraction `q` (0..1) of the sorted numbers; NaN when there are none. */
export function percentile(values: number[], q: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const median = (values: number[]) => percentile(values, 0.5);
