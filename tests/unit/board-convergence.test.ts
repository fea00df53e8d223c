// Random concurrent operations of participants and the facilitator, delivered in random
// orders, end in identical snapshots, and the invariants hold on every peer.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	boardFromYdoc,
	castBallot,
	countedDots,
	createCluster,
	editNote,
	mergeNotes,
	moveToCluster,
	placeDot,
	proposeAction,
	rateBlock,
	setNoteHidden,
	updateAction,
	visibleNotes
} from '../../src/lib/board';

const PEERS = ['f', 'p1', 'p2', 'p3'];
const LIMIT = 3;

type Op =
	| { kind: 'note'; peer: number; n: number }
	| { kind: 'edit'; peer: number; n: number; text: string }
	| { kind: 'hide'; n: number; hidden: boolean }
	| { kind: 'dot'; peer: number; n: number; delta: 1 | -1 }
	| { kind: 'rate'; peer: number; block: number; rating: number }
	| { kind: 'ballot'; peer: number; statement: number; choice: number }
	| { kind: 'action'; peer: number; n: number }
	| { kind: 'actionEdit'; peer: number; n: number; lead: string }
	| { kind: 'cluster'; n: number; note: number }
	| { kind: 'merge'; keep: number; dup: number }
	| { kind: 'deliver'; from: number; to: number; count: number; seed: number };

const peer = fc.integer({ min: 0, max: PEERS.length - 1 });
const small = fc.integer({ min: 0, max: 5 });
const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({ kind: fc.constant('note' as const), peer, n: small }),
	fc.record({
		kind: fc.constant('edit' as const),
		peer,
		n: small,
		text: fc.string({ minLength: 1, maxLength: 8 })
	}),
	fc.record({ kind: fc.constant('hide' as const), n: small, hidden: fc.boolean() }),
	fc.record({
		kind: fc.constant('dot' as const),
		peer,
		n: small,
		delta: fc.constantFrom(1 as const, -1 as const)
	}),
	fc.record({
		kind: fc.constant('rate' as const),
		peer,
		block: fc.integer({ min: 0, max: 7 }),
		rating: fc.integer({ min: 0, max: 3 })
	}),
	fc.record({
		kind: fc.constant('ballot' as const),
		peer,
		statement: small,
		choice: fc.integer({ min: 0, max: 2 })
	}),
	fc.record({ kind: fc.constant('action' as const), peer, n: small }),
	fc.record({
		kind: fc.constant('actionEdit' as const),
		peer,
		n: small,
		lead: fc.string({ maxLength: 6 })
	}),
	fc.record({ kind: fc.constant('cluster' as const), n: small, note: small }),
	fc.record({ kind: fc.constant('merge' as const), keep: small, dup: small }),
	fc.record({
		kind: fc.constant('deliver' as const),
		from: peer,
		to: peer,
		count: fc.integer({ min: 1, max: 6 }),
		seed: fc.nat()
	})
);

const RATINGS = ['strong', 'partly', 'notyet', 'unknown'] as const;
const CHOICES = ['approve', 'reject', 'abstain'] as const;

function apply(docs: Y.Doc[], o: Op): void {
	try {
		switch (o.kind) {
			case 'note':
				return addNote(docs[o.peer]!, {
					id: `${PEERS[o.peer]}-${o.n}`,
					text: `t${o.n}`,
					step: 's',
					author: PEERS[o.peer]!,
					authorName: '',
					created: o.n
				});
			case 'edit':
				return editNote(docs[o.peer]!, `${PEERS[o.peer]}-${o.n}`, o.text);
			case 'hide':
				return setNoteHidden(docs[0]!, `p1-${o.n}`, o.hidden);
			case 'dot':
				return placeDot(docs[o.peer]!, {
					step: 's',
					participant: PEERS[o.peer]!,
					target: `p2-${o.n}`,
					delta: o.delta,
					limit: LIMIT
				});
			case 'rate':
				return rateBlock(docs[o.peer]!, {
					step: 'r',
					participant: PEERS[o.peer]!,
					block: `b${o.block}`,
					rating: RATINGS[o.rating]!
				});
			case 'ballot':
				return castBallot(docs[o.peer]!, {
					step: 'v',
					participant: PEERS[o.peer]!,
					statement: `s${o.statement}`,
					choice: CHOICES[o.choice]!
				});
			case 'action':
				return proposeAction(docs[o.peer]!, {
					id: `${PEERS[o.peer]}-a${o.n}`,
					step: 'plan',
					author: PEERS[o.peer]!,
					created: o.n,
					title: `actie ${o.n}`
				});
			case 'actionEdit':
				return updateAction(docs[o.peer]!, `p1-a${o.n}`, { lead: o.lead });
			case 'cluster':
				createCluster(docs[0]!, { id: `c${o.n}`, step: 's', title: `groep ${o.n}`, created: o.n });
				return moveToCluster(docs[0]!, `p3-${o.note}`, `c${o.n}`);
			case 'merge':
				return mergeNotes(docs[0]!, `p1-${o.keep}`, `p2-${o.dup}`);
			case 'deliver':
				return;
		}
	} catch {
		// An operation that its peer refuses (unknown id, no dots left, duplicate) changes nothing.
	}
}

it('converges to identical snapshots with the invariants intact', () => {
	fc.assert(
		fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
			const docs = PEERS.map(() => new Y.Doc());
			const inbox: Uint8Array[][][] = PEERS.map(() => PEERS.map(() => []));
			docs.forEach((doc, from) =>
				doc.on('update', (update: Uint8Array, origin: unknown) => {
					if (origin === 'remote') return;
					PEERS.forEach((_, to) => to !== from && inbox[to]![from]!.push(update));
				})
			);
			const deliver = (from: number, to: number, count: number, seed: number) => {
				const queue = inbox[to]![from]!;
				const batch = queue.splice(0, count);
				if (seed % 2) batch.reverse();
				for (const update of batch) Y.applyUpdate(docs[to]!, update, 'remote');
			};
			for (const o of ops) {
				if (o.kind === 'deliver') deliver(o.from, o.to, o.count, o.seed);
				else apply(docs, o);
				for (const doc of docs) {
					const board = boardFromYdoc(doc);
					for (const participant of PEERS) {
						const counted = countedDots(board.dots, 's', LIMIT).filter(
							(d) => d.participant === participant
						);
						expect(counted.reduce((sum, d) => sum + d.count, 0)).toBeLessThanOrEqual(LIMIT);
					}
					expect(visibleNotes(board.notes).some((n) => n.hidden)).toBe(false);
				}
			}
			for (let round = 0; round < 2; round++) {
				PEERS.forEach((_, to) =>
					PEERS.forEach((__, from) => from !== to && deliver(from, to, Infinity, 0))
				);
			}
			const snapshots = docs.map((doc) => JSON.stringify(boardFromYdoc(doc)));
			expect(new Set(snapshots).size).toBe(1);
		}),
		{ numRuns: 200 }
	);
});
