// The sync server's cheap checks, without a server: the structural check of Yjs updates, the
// presence reader, the per-key limits and the client address behind a proxy.
import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addNote, migrate } from '../../src/lib/board';
import { loadConfig } from '../../src/lib/server/config';
import { awarenessEntries, keepEntries } from '../../src/lib/server/sync/awareness-check';
import { clientAddress } from '../../src/lib/server/sync/client-address';
import { KEY_IDLE_MS, KeyLimits, keyIdentity } from '../../src/lib/server/sync/key-limits';
import { checkUpdateStructure } from '../../src/lib/server/sync/update-check';
import { testNote } from '../helpers/server';

/** Every update a document emits while `change` runs, and its whole state at the end. */
function updatesOf(change: (doc: Y.Doc) => void): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	change(doc);
	updates.push(Y.encodeStateAsUpdate(doc));
	return updates;
}

describe('checkUpdateStructure', () => {
	it('passes every update Yjs writes, of every content kind', () => {
		const updates = updatesOf((doc) => {
			migrate(doc);
			const map = doc.getMap('m');
			const text = doc.getText('t');
			const list = doc.getArray<unknown>('a');
			const xml = doc.getXmlFragment('x');
			for (let i = 0; i < 40; i++) {
				addNote(doc, testNote(`n${i}`, { text: `notitie ${i} é😀` }));
				map.set(`k${i % 7}`, { n: i, f: 2.5, neg: -i, big: 2n ** 40n, ok: true, no: null });
				map.set('bytes', new Uint8Array([1, 2, 3]));
				map.set(`sub${i % 3}`, new Y.Map());
				list.insert(0, [i, 'tekst', [1, [2, [3]]], { a: { b: i } }]);
				if (i % 3 === 0) list.delete(0, 2);
				text.insert(0, 'héllo 😀 ');
				text.format(0, 3, { bold: true });
				text.insertEmbed(1, { image: 'x' });
				if (i % 4 === 0) text.delete(2, 3);
				const element = new Y.XmlElement('p');
				xml.insert(0, [element]);
				element.setAttribute('class', 'c');
				element.insert(0, [new Y.XmlText('t')]);
				xml.insert(0, [new Y.XmlHook('h') as unknown as Y.XmlElement]);
				if (i % 20 === 0) map.set(`doc${i}`, new Y.Doc());
			}
		});
		updates.push(Y.mergeUpdates(updates.slice(0, 50)));
		updates.push(Y.mergeUpdates([updates[3]!, updates[60]!, updates[200]!]));
		for (const update of updates) expect(checkUpdateStructure(update)).toBeNull();
	});

	it('passes random edits of random documents (property)', () => {
		const op = fc.oneof(
			fc.record({ kind: fc.constant('set'), key: fc.string(), value: fc.jsonValue() }),
			fc.record({ kind: fc.constant('text'), at: fc.nat(50), text: fc.string() }),
			fc.record({ kind: fc.constant('cut'), at: fc.nat(50), length: fc.nat(10) })
		);
		fc.assert(
			fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
				const updates = updatesOf((doc) => {
					for (const o of ops) {
						const text = doc.getText('t');
						if (o.kind === 'set') doc.getMap('m').set(o.key, o.value);
						else if (o.kind === 'text') text.insert(Math.min(o.at, text.length), o.text);
						else {
							const at = Math.min(o.at, text.length);
							text.delete(at, Math.min(o.length, text.length - at));
						}
					}
				});
				return updates.every((update) => checkUpdateStructure(update) === null);
			})
		);
	});

	it('refuses counts larger than the bytes that follow, before anything is allocated', () => {
		// One client with 32 million structs, in 11 bytes: Yjs would allocate an array for them.
		expect(
			checkUpdateStructure(Uint8Array.from([1, 128, 192, 179, 143, 0, 7, 72, 136, 1, 7]))
		).toMatch(/^structs: 32301056 declared/);
		// 65,662 clients, then 18 million structs.
		expect(
			checkUpdateStructure(Uint8Array.from([254, 128, 4, 132, 133, 132, 9, 78, 5, 233, 9]))
		).toMatch(/^clients/);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0); // no structs
		encoding.writeVarUint(encoder, 1); // one client in the delete set
		encoding.writeVarUint(encoder, 5);
		encoding.writeVarUint(encoder, 2 ** 40); // deleted ranges
		expect(checkUpdateStructure(encoding.toUint8Array(encoder))).toMatch(/^deleted ranges/);
	});

	it('refuses every truncated update, and values nested past the limit', () => {
		const [update] = updatesOf((doc) => doc.getMap('m').set('k', { a: [1, 'twee', { c: 3 }] }));
		for (let length = 0; length < update!.length - 2; length++) {
			expect(
				checkUpdateStructure(update!.subarray(0, length)),
				`first ${length} bytes`
			).not.toBeNull();
		}
		let deep: unknown = 1;
		for (let i = 0; i < 100; i++) deep = [deep];
		const [nested] = updatesOf((doc) => doc.getMap('m').set('deep', deep));
		expect(checkUpdateStructure(nested!)).toBe('value nested too deeply');
	});
});

describe('awarenessEntries', () => {
	const update = (states: Record<number, unknown>) => {
		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		awareness.setLocalState(null);
		const encoder = encoding.createEncoder();
		const ids = Object.keys(states).map(Number);
		encoding.writeVarUint(encoder, ids.length);
		for (const id of ids) {
			encoding.writeVarUint(encoder, id);
			encoding.writeVarUint(encoder, 1);
			encoding.writeVarString(encoder, JSON.stringify(states[id]));
		}
		awareness.destroy();
		return encoding.toUint8Array(encoder);
	};

	it('reads ids and "left" entries, and keeps only some of them', () => {
		const bytes = update({ 5: { role: 'participant' }, 6: null, 7: { role: 'viewer' } });
		const read = awarenessEntries(bytes, 100);
		expect('entries' in read && read.entries.map((e) => [e.id, e.left])).toEqual([
			[5, false],
			[6, true],
			[7, false]
		]);
		if (!('entries' in read)) return;
		const target = new awarenessProtocol.Awareness(new Y.Doc());
		awarenessProtocol.applyAwarenessUpdate(target, keepEntries(bytes, [read.entries[2]!]), null);
		expect([...target.getStates().entries()].filter(([id]) => id !== target.clientID)).toEqual([
			[7, { role: 'viewer' }]
		]);
		target.destroy();
	});

	it('refuses a state over the limit and a count over the bytes', () => {
		expect(awarenessEntries(update({ 1: { pad: 'x'.repeat(200) } }), 100)).toEqual({
			refused: 'presence state too large'
		});
		expect(awarenessEntries(Uint8Array.from([200, 1]), 100)).toEqual({
			refused: 'malformed presence update'
		});
	});
});

describe('KeyLimits', () => {
	const limits = { ...loadConfig({}).limits, updatesPerSecond: 2, syncRequestsPerMinute: 3 };

	it('shares buckets between the connections of one key, and forgets a key once refilled', () => {
		let now = 1_000_000;
		const keys = new KeyLimits(limits, () => now);
		const id = keyIdentity('room', { role: 'participant', participantId: 'p1' });
		const a = keys.acquire(id);
		const b = keys.acquire(id);
		expect(keys.connections(id)).toBe(2);
		expect([a.updates.take(), b.updates.take(), a.updates.take(), b.updates.take()]).toEqual([
			true,
			true,
			true,
			true
		]);
		expect(b.updates.take()).toBe(false);
		expect(
			keys.acquire(keyIdentity('room', { role: 'participant', participantId: 'p2' })).updates.take()
		).toBe(true);
		keys.release(id);
		keys.release(id);
		keys.sweep();
		expect(keys.connections(id)).toBe(0);
		// Within the idle time the key keeps its (empty) buckets: reconnecting buys nothing.
		expect(keys.acquire(id).updates.take()).toBe(false);
		keys.release(id);
		now += KEY_IDLE_MS + 1;
		const size = keys.size;
		keys.sweep();
		expect(keys.size).toBe(size - 1);
	});
});

describe('clientAddress', () => {
	const request = (headers: Record<string, string | string[]>) =>
		({ headers, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;

	it('reads the address the way adapter-node does', () => {
		const xff = { 'x-forwarded-for': '10.0.0.1, 203.0.113.5, 192.0.2.9' };
		expect(clientAddress(request(xff), '', 1)).toBe('127.0.0.1');
		expect(clientAddress(request(xff), 'X-Forwarded-For', 1)).toBe('192.0.2.9');
		expect(clientAddress(request(xff), 'X-Forwarded-For', 2)).toBe('203.0.113.5');
		expect(clientAddress(request(xff), 'X-Forwarded-For', 4)).toBe('127.0.0.1');
		expect(clientAddress(request({ 'x-real-ip': '198.51.100.2' }), 'X-Real-IP', 1)).toBe(
			'198.51.100.2'
		);
		expect(clientAddress(request({}), 'X-Real-IP', 1)).toBe('127.0.0.1');
	});
});
