// Our production sync server (src/lib/server/serve.ts) in its own process, for the benchmark.
// BENCH_ROOMS = {"rooms": R, "participants": P}: makes R rooms with P participants each in the
// (temporary) DATA_DIR, sends their keys to the parent over IPC, then serves on 127.0.0.1.
// bench/lib/servers.ts bundles this file as the production build is bundled, and runs it.
// Asked over IPC ({type: 'report', room}), it makes that room's PDF report in this process, as
// GET /api/rooms/<id>/report.pdf does, and answers with the time it took.
import type { AddressInfo } from 'node:net';
import { createApp, setApp } from '../../src/lib/server/app';
import { roomReport } from '../../src/lib/server/report';
import { serve } from '../../src/lib/server/serve';

/** A room's participant keys, and the participant id each key writes as. */
export type BenchRoom = { id: string; keys: string[]; ids: string[]; facilitatorKey?: string };

export function main(): void {
	const spec = JSON.parse(process.env.BENCH_ROOMS ?? '{}') as {
		rooms?: number;
		participants?: number;
	};
	const app = createApp();
	setApp(app);
	const rooms: BenchRoom[] = [];
	for (let r = 0; r < (spec.rooms ?? 1); r++) {
		const room = app.rooms.create({
			title: `Bench ${r}`,
			workshop: 'visievorming-zorgzame-buurten'
		});
		const keys: string[] = [];
		const ids: string[] = [];
		for (let p = 0; p < (spec.participants ?? 2); p++) {
			const participant = app.rooms.addParticipant(room.id, '', Number.MAX_SAFE_INTEGER);
			keys.push(participant.key);
			ids.push(participant.id);
		}
		rooms.push({ id: room.id, keys, ids, facilitatorKey: room.facilitatorKey });
	}
	const server = serve();
	server.once('listening', () => {
		process.send?.({ port: (server.address() as AddressInfo).port, rooms });
	});
	process.on('message', (message: { type: string; id: number; room: string; key: string }) => {
		if (message.type !== 'report') return;
		const start = performance.now();
		roomReport(app, message.room, message.key, 'pdf', { locale: 'nl', names: false }).then(
			(report) =>
				process.send?.({
					type: 'report',
					id: message.id,
					ms: performance.now() - start,
					bytes: report.body.length
				}),
			(error: unknown) => process.send?.({ type: 'report', id: message.id, error: String(error) })
		);
	});
}

main();
