// Recurring themes in the workspace comparison: near-identical titles are one theme.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, createCluster, fromYdoc, moveToCluster } from '../../src/lib/board';
import { buildReport } from '../../src/lib/report';
import { buildComparison, sameKey, type CompareSession } from '../../src/lib/report/compare';
import { sameTheme, themeWords } from '../../src/lib/report/theme-match';
import { FIXTURE_WORKSHOP, LABELS } from '../fixtures/report-room';

const same = (a: string, b: string) => sameTheme(sameKey(a), sameKey(b));

describe('theme titles', () => {
	it('match when only small words, word order, plural endings or case differ', () => {
		expect(same('Eenzaamheid bij ouderen', 'eenzaamheid van ouderen')).toBe(true);
		expect(same('Eenzaamheid bij ouderen', 'Ouderen: eenzaamheid')).toBe(true);
		expect(same('Eenzaamheid bij ouderen', 'Eenzaamheid bij oudere mensen')).toBe(false);
		expect(same('Jonge mantelzorgers', 'jonge mantelzorger')).toBe(true);
		expect(same('Loneliness of older people', 'loneliness for older people')).toBe(true);
		expect(same('Isolement des personnes âgées', 'isolement de la personne âgée')).toBe(true);
	});

	it('match across one typo per ten letters, not in a short title', () => {
		expect(same('Eenzaamheid bij ouderen', 'Eenzamheid bij ouderen')).toBe(true);
		expect(same('Eenzaamheid bij ouderen', 'Eenzamhied bij oudren')).toBe(false);
		expect(same('Zorg', 'Sorg')).toBe(false);
		expect(same('Wonen', 'Wijken')).toBe(false);
	});

	it('keep different themes apart', () => {
		expect(same('Mobiliteit', 'Mobiliteit en vervoer')).toBe(false);
		expect(same('Vervoer voor ouderen', 'Vervoer voor jongeren')).toBe(false);
		expect(same('Jonge gezinnen', 'Jonge mantelzorgers')).toBe(false);
		expect(same('Armoede', 'Armoede in gezinnen')).toBe(false);
		// A title of small words only is matched only as it is.
		expect(themeWords(sameKey('En de rest?'))).toBe('rest');
		expect(same('Van en voor', 'voor en van')).toBe(false);
		expect(same('Van en voor', 'Van en voor!')).toBe(true);
	});
});

function session(id: string, createdAt: number, themes: Record<string, number>): CompareSession {
	const control = new Y.Doc();
	const board = new Y.Doc();
	let n = 0;
	for (const [title, cards] of Object.entries(themes)) {
		const cluster = `${id}-c${++n}`;
		createCluster(board, { id: cluster, step: 'actoren', title, created: createdAt });
		for (let i = 0; i < cards; i++) {
			const note = `${id}-n${++n}`;
			addNote(board, {
				id: note,
				step: 'actoren',
				text: `Kaartje ${n}`,
				author: 'p1',
				authorName: '',
				created: createdAt + n
			});
			moveToCluster(board, note, cluster);
		}
	}
	const snapshot = fromYdoc(control, board);
	const input = { workshop: FIXTURE_WORKSHOP, snapshot, participants: 3, labels: LABELS };
	return {
		id,
		title: id,
		createdAt,
		snapshot,
		workshop: FIXTURE_WORKSHOP,
		labels: LABELS,
		report: buildReport({ ...input, title: id, createdAt, locale: 'nl', names: false })
	};
}

describe('the comparison’s recurring themes', () => {
	it('count near-identical titles as one theme, under the title first seen', () => {
		const report = buildComparison({
			title: 'Vergelijking',
			locale: 'nl',
			sessions: [
				session('Heverlee', Date.UTC(2026, 0, 5), { 'Eenzaamheid bij ouderen': 2, Mobiliteit: 1 }),
				session('Kessel-Lo', Date.UTC(2026, 1, 5), {
					'eenzaamheid van ouderen': 3,
					'Mobiliteit en vervoer': 1
				}),
				session('Wilsele', Date.UTC(2026, 2, 5), { 'Ouderen: eenzaamheid': 1 })
			]
		});
		const themes = report.sections.find((s) => s.id === 'themes')!;
		const rows = themes.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));
		expect(rows).toHaveLength(1);
		expect(rows[0]![0]).toBe('Eenzaamheid bij ouderen');
		expect(rows[0]![2]).toBe('6');
		expect(rows[0]![1]).toMatch(/Heverlee.*Kessel-Lo.*Wilsele/);
	});
});
