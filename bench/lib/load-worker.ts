// One load-generating process of the benchmark (forked by bench/lib/pool.ts, bundled like the
// server): it holds its share of the y-websocket clients, writes the notes it is told to at the
// times it is told, and records when every note arrives at each of its clients.
//
// Times are on a clock every process of the machine shares (bench/lib/clock.ts), so a note's
// send time (taken in the writer's process) and its arrival times (taken in any process) are
// comparable; the coordinator subtracts them.
import { closeAll, connectAll, sleep, type Client } from './clients';
import { now } from './clock';
import { addNote } from '../../src/lib/board';
import { notesRoot } from '../../src/lib/board/roots';

export type Seat = { room: string; key: string; author: string };

export type WorkerRequest =
	| { type: 'connect'; url: string; seats: Seat[]; batch: number }
	/** No more presence renewals from these clients until they close (see sync-bench.ts). */
	| { type: 'hold-presence' }
	/** Writes: per local writer index, the note ids and their absolute send times. */
	| { type: 'write'; plan: { writer: number; notes: { id: string; at: number }[] }[] }
	| { type: 'move'; until: number }
	| { type: 'count' }
	| { type: 'collect' }
	| { type: 'close' };

export type Collected = {
	/** [note id, send time] for the notes this process wrote. */
	sent: [string, number][];
	/** Note ids in the order of `arrivals`' first column; arrivals[i] = [id index, time]. */
	ids: string[];
	arrivals: [number, number][];
	drops: number;
	presenceChanges: number;
	clients: number;
};

let clients: Client[] = [];
const sent: [string, number][] = [];
const idIndex = new Map<string, number>();
const arrivals: [number, number][] = [];
let presenceChanges = 0;

function watch(client: Client): void {
	notesRoot(client.doc).observe((event) => {
		if (event.transaction.local) return; // the writer's own note
		const at = now();
		for (const [id, change] of event.changes.keys) {
			if (change.action !== 'add') continue;
			let index = idIndex.get(id);
			if (index === undefined) idIndex.set(id, (index = idIndex.size));
			arrivals.push([index, at]);
		}
	});
	client.provider.awareness.on('change', () => presenceChanges++);
}

function write(client: Client, id: string): void {
	sent.push([id, now()]);
	addNote(client.doc, {
		id,
		// The first step (a round): a participant may write there from the start, under their own id.
		step: 'kennismaking',
		column: '',
		text: `Bijdrage ${id}: een buurt waar mensen elkaar kennen en helpen.`,
		author: client.author,
		authorName: '',
		created: Date.now()
	});
}

const reply = (message: unknown): void => void process.send?.(message);

async function handle(request: WorkerRequest): Promise<void> {
	switch (request.type) {
		case 'connect': {
			const opened = await connectAll(request.url, request.seats, request.batch);
			for (const client of opened) watch(client);
			clients.push(...opened);
			return reply({ type: 'connected', clients: clients.length });
		}
		case 'hold-presence': {
			for (const { provider } of clients) {
				const awareness = provider.awareness as unknown as { _checkInterval: NodeJS.Timeout };
				clearInterval(awareness._checkInterval);
			}
			return reply({ type: 'held' });
		}
		case 'write': {
			await Promise.all(
				request.plan.map(async ({ writer, notes }) => {
					for (const note of notes) {
						await sleep(note.at - now());
						write(clients[writer]!, note.id);
					}
				})
			);
			return reply({ type: 'written' });
		}
		case 'move': {
			const timers = clients.map((client) =>
				setTimeout(() => {
					const move = () =>
						client.provider.awareness.setLocalStateField('cursor', {
							x: Math.round(Math.random() * 1000),
							y: Math.round(Math.random() * 1000),
							step: 'brainstorm'
						});
					move();
					timers.push(setInterval(move, 500));
				}, Math.random() * 500)
			);
			await sleep(request.until - now());
			for (const timer of timers) clearInterval(timer);
			return reply({ type: 'moved' });
		}
		case 'count':
			return reply({ type: 'count', arrivals: arrivals.length, presence: presenceChanges });
		case 'collect': {
			const collected: Collected = {
				sent,
				ids: [...idIndex.keys()],
				arrivals,
				drops: clients.reduce((sum, client) => sum + client.drops, 0),
				presenceChanges,
				clients: clients.length
			};
			return reply({ type: 'collected', collected });
		}
		case 'close':
			closeAll(clients);
			clients = [];
			reply({ type: 'closed' });
			setTimeout(() => process.exit(0), 50);
	}
}

process.on('message', (request: WorkerRequest) => {
	handle(request).catch((error: unknown) =>
		reply({ type: 'error', message: error instanceof Error ? error.message : String(error) })
	);
});
process.send?.({ type: 'ready' });
