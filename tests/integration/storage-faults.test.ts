import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { addNote, notesFromYdoc } from '../../src/lib/board';
import { sleep, synced, testNote, until, useTestServer } from '../helpers/server';

const t = useTestServer();
const client = (roomId: string, docName: string, key: string) => t.client(roomId, docName, key);
const note = (id: string, text: string, author: string) =>
	testNote(id, { text, author, step: 'kennismaking' });

it('refuses a write the disk cannot take, broadcasts nothing, and stores it once the disk has room', async () => {
	const room = t.server.app.rooms.create({
		title: 'Vol',
		workshop: 'visievorming-zorgzame-buurten'
	});
	const participant = t.server.app.rooms.addParticipant(room.id, '', 10);
	const writer = client(room.id, 'board', participant.key);
	const reader = client(room.id, 'board', room.facilitatorKey);
	await Promise.all([synced(writer), synced(reader)]);
	const closes: number[] = [];
	writer.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));

	const db = t.server.app.db;
	const pages = db.pragma('page_count', { simple: true }) as number;
	db.pragma(`max_page_count = ${pages}`);
	addNote(writer.doc, note('big', 'x'.repeat(400), participant.id));
	for (let i = 0; i < 40; i++)
		addNote(writer.doc, note(`n${i}`, `${i} `.repeat(150).trim(), participant.id));
	await until(() => closes.includes(1011), 5000, 'the writer to be told the write failed');
	await sleep(200);
	expect(notesFromYdoc(reader.doc).length).toBeLessThan(41);
	expect(notesFromYdoc(writer.doc)).toHaveLength(41);

	db.pragma('max_page_count = 1073741823');
	await until(
		() => notesFromYdoc(reader.doc).length === 41,
		10_000,
		'the change to arrive after the disk has room'
	);
	await t.restart();
	const fresh = client(room.id, 'board', room.viewerKey);
	await synced(fresh);
	expect(notesFromYdoc(fresh.doc)).toHaveLength(41);
});

it('leaves none of an erased room’s text in the database files', async () => {
	const marker = 'Geheime-buurtnotitie-7f3a';
	const room = t.server.app.rooms.create({
		title: `Titel ${marker}`,
		workshop: 'visievorming-zorgzame-buurten'
	});
	const participant = t.server.app.rooms.addParticipant(room.id, `Naam ${marker}`, 10);
	const writer = client(room.id, 'board', participant.key);
	await synced(writer);
	for (let i = 0; i < 20; i++) addNote(writer.doc, note(`n${i}`, `${marker} ${i}`, participant.id));
	await until(
		() =>
			(t.server.app.db.prepare('SELECT COUNT(*) AS n FROM doc_updates').get() as { n: number }).n >=
			20
	);
	t.destroyClients();
	await until(() => t.server.app.sync.stats().documents === 0);

	t.server.app.sync.closeRoom(room.id);
	t.server.app.rooms.delete(room.id);
	await t.server.stop();
	const files = fs.readdirSync(t.dataDir).map((name) => path.join(t.dataDir, name));
	expect(files.length).toBeGreaterThan(0);
	for (const file of files) {
		expect(
			fs.readFileSync(file).includes(Buffer.from(marker)),
			`${path.basename(file)} holds the text`
		).toBe(false);
	}
});
