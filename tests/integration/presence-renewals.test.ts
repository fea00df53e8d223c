// Presence renewals (a y-websocket client sends its unchanged presence again every 15 s) are
// gathered per document and sent on every few seconds, in one message; a change of presence goes
// on at once (within the 50 ms batch). Real server, real y-websocket clients.
import { describe, expect, it } from 'vitest';
import { sleep, synced, until, useTestServer } from '../helpers/server';

const WORKSHOP = 'visievorming-zorgzame-buurten';

describe('presence renewals', () => {
	const t = useTestServer();

	it('sends several renewals of a client on as one message, and a change at once', async () => {
		const room = t.server.app.rooms.create({ title: 'Aanwezig', workshop: WORKSHOP });
		const a = t.client(room.id, 'board', room.facilitatorKey);
		const b = t.client(room.id, 'board', room.viewerKey);
		await Promise.all([synced(a), synced(b)]);
		const mine = a.provider.awareness;
		const theirs = b.provider.awareness;
		mine.setLocalStateField('cursor', { x: 1 });
		const seen = () =>
			theirs.getStates().get(mine.clientID) as { cursor?: { x: number } } | undefined;
		await until(() => seen()?.cursor?.x === 1, 5000, 'the first presence');
		let updates = 0;
		theirs.on('update', ({ updated }: { updated: number[] }) => {
			if (updated.includes(mine.clientID)) updates++;
		});
		const clock = () => theirs.meta.get(mine.clientID)?.clock;
		// Three renewals, further apart than the 50 ms batch of changes.
		for (let i = 0; i < 3; i++) {
			mine.setLocalState(mine.getLocalState());
			await sleep(200);
		}
		const renewed = mine.meta.get(mine.clientID)!.clock;
		await until(() => clock() === renewed, 5000, 'the renewals');
		expect(updates).toBe(1);
		// A change while a renewal waits goes on in the next 50 ms batch, and takes the renewal along.
		mine.setLocalState(mine.getLocalState());
		mine.setLocalStateField('cursor', { x: 2 });
		await until(() => seen()?.cursor?.x === 2, 2000, 'the change, before the renewals are due');
		const changed = mine.meta.get(mine.clientID)!.clock;
		expect(clock()).toBe(changed);
		await sleep(3500);
		// And no renewal after it changes what the client sees.
		expect(updates).toBe(2);
	});
});
