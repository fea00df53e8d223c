// The comparison report of a workspace's sessions: three sessions (two of the same neighbourhood
// a year apart) built in memory, golden-tested in Markdown, HTML, Word (its document.xml) and the
// model (JSON); recurring themes, merged actions and the change over time checked by content.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	createCluster,
	fromYdoc,
	moveToCluster,
	proposeAction,
	rateBlock,
	setActionStatus,
	setSynthesis,
	type Rating
} from '../../src/lib/board';
import { buildReport, reportToDocx, reportToHtml, reportToMarkdown } from '../../src/lib/report';
import { buildComparison, sameKey, type CompareSession } from '../../src/lib/report/compare';
import type { Locale, Workshop } from '../../src/lib/workshop/types';
import { FIXTURE_WORKSHOP, LABELS } from '../fixtures/report-room';
import { goldenText } from '../helpers/golden';

function golden(name: string, actual: string) {
	expect(actual).toBe(goldenText(name, actual));
}

const WORKSHOP: Workshop = {
	...FIXTURE_WORKSHOP,
	steps: [
		...FIXTURE_WORKSHOP.steps,
		{
			id: 'visie',
			type: 'brainstorm',
			minutes: 10,
			title: { nl: 'Waar willen we naartoe?', en: 'Where do we want to go?', fr: 'Visie' },
			prompt: { nl: 'Schrijf een zin.', en: 'Write a sentence.', fr: 'Schrijf een zin.' }
		}
	]
};

type Content = {
	id: string;
	title: string;
	createdAt: number;
	vision: string[];
	synthesis: string;
	themes: Record<string, string[]>;
	ratings: Record<string, Rating[]>;
	actions: { title: string; block: string; lead?: string }[];
};

function session(content: Content, locale: Locale): CompareSession {
	const control = new Y.Doc();
	control.clientID = 1;
	const board = new Y.Doc();
	board.clientID = 2;
	let time = content.createdAt;
	let n = 0;
	const note = (step: string, text: string) => {
		const id = `${content.id}-${++n}`;
		addNote(board, {
			id,
			step,
			text,
			author: 'p1',
			authorName: 'Marieke',
			created: (time += 1000)
		});
		return id;
	};
	for (const text of content.vision) note('visie', text);
	for (const [title, notes] of Object.entries(content.themes)) {
		const cluster = `${content.id}-c${++n}`;
		createCluster(board, { id: cluster, step: 'actoren', title, created: time });
		for (const text of notes) moveToCluster(board, note('actoren', text), cluster);
	}
	for (const [block, ratings] of Object.entries(content.ratings))
		ratings.forEach((rating, i) =>
			rateBlock(board, { step: 'referentiekader', participant: `p${i}`, block, rating })
		);
	for (const action of content.actions) {
		const id = `${content.id}-a${++n}`;
		proposeAction(board, { id, step: 'aan-de-slag', author: 'p1', created: time, ...action });
		setActionStatus(board, id, 'confirmed');
	}
	setSynthesis(control, 'vision', content.synthesis);
	const snapshot = fromYdoc(control, board);
	return {
		id: content.id,
		title: content.title,
		createdAt: content.createdAt,
		snapshot,
		workshop: WORKSHOP,
		labels: LABELS,
		report: buildReport({
			title: content.title,
			createdAt: content.createdAt,
			workshop: WORKSHOP,
			snapshot,
			participants: 3,
			locale,
			names: false,
			labels: LABELS
		})
	};
}

const SESSIONS: Content[] = [
	{
		id: 'kwatrecht-2026',
		title: 'Buurt Kwatrecht',
		createdAt: Date.UTC(2026, 2, 10, 19),
		vision: ['Niemand staat er alleen voor', 'Buren kennen elkaar'],
		synthesis: 'Kwatrecht wil een buurt waar niemand alleen staat.',
		themes: {
			Eenzaamheid: ['Oudere buren zien niemand'],
			'Veiligheid en wonen': ['Donkere straten']
		},
		ratings: {
			detectie: ['notyet', 'partly', 'notyet'],
			toeleiding: ['partly', 'partly', 'strong']
		},
		actions: [
			{ title: 'Buurtfeest in juni', block: 'sociale-netwerken', lead: 'Jan Peeters' },
			{ title: 'Huisbezoeken bij 80-plussers', block: 'detectie' }
		]
	},
	{
		id: 'team-2026',
		title: 'Eigen team',
		createdAt: Date.UTC(2026, 1, 2, 9),
		vision: ['Elke dienst kent de buurt'],
		synthesis: 'Het team wil dichter bij de buurt werken.',
		themes: {
			'Eenzaamheid!': ['Wie komt er nooit buiten?'],
			Mobiliteit: ['De bus rijdt niet meer']
		},
		ratings: { detectie: ['partly', 'partly'], toeleiding: ['notyet', 'notyet'] },
		actions: [
			{ title: 'Huisbezoeken bij 80-plussers.', block: 'detectie' },
			{ title: 'Eén loket voor zorgvragen', block: 'toeleiding' }
		]
	},
	{
		id: 'kwatrecht-2027',
		title: 'Buurt Kwatrecht',
		createdAt: Date.UTC(2027, 2, 9, 19),
		vision: ['Een buurt die voor elkaar zorgt'],
		synthesis: 'Een jaar later: de buurt kent elkaar beter.',
		themes: {
			eenzaamheid: ['Minder mensen alleen'],
			'veiligheid en wonen.': ['Betere verlichting']
		},
		ratings: {
			detectie: ['strong', 'partly', 'strong'],
			toeleiding: ['partly', 'strong', 'strong']
		},
		actions: [{ title: 'buurtfeest in juni', block: 'sociale-netwerken' }]
	}
];

const comparison = (locale: Locale) =>
	buildComparison({
		title: 'Vergelijking: Gemeente Wetteren',
		locale,
		sessions: SESSIONS.map((s) => session(s, locale))
	});

describe('the comparison report', () => {
	it('matches the golden Markdown, HTML, Word and model, in Dutch and English', async () => {
		for (const locale of ['nl', 'en'] as const) {
			const report = comparison(locale);
			golden(`compare-${locale}.md`, reportToMarkdown(report));
			golden(`compare-${locale}.html`, reportToHtml(report));
			golden(`compare-${locale}.json`, JSON.stringify(report, null, 2) + '\n');
			const zip = await JSZip.loadAsync(await reportToDocx(report));
			golden(`compare-${locale}.docx.xml`, await zip.file('word/document.xml')!.async('string'));
		}
	});

	it('puts the scores side by side, oldest session first, and the change for the same place', () => {
		const report = comparison('nl');
		const ratings = report.sections.find((s) => s.id === 'ratings')!;
		const table = ratings.blocks.find((b) => b.kind === 'table')!;
		expect(table.kind === 'table' && table.columns.slice(1)).toEqual([
			'Eigen team (2 februari 2026)',
			'Buurt Kwatrecht (10 maart 2026)',
			'Buurt Kwatrecht (9 maart 2027)'
		]);
		const change = report.sections.find((s) => s.id === 'change')!;
		const rows = change.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));
		expect(rows.map((r) => [r[0], r[3]])).toEqual([
			['Detectie', '+67 punten'],
			['Toeleiding', '+17 punten']
		]);
	});

	it('finds the themes that recur, and merges the actions per building block', () => {
		const report = comparison('nl');
		const themes = report.sections.find((s) => s.id === 'themes')!;
		const rows = themes.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));
		expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
			[
				'Eenzaamheid!',
				'Eigen team (2 februari 2026), Buurt Kwatrecht (10 maart 2026), Buurt Kwatrecht (9 maart 2027)',
				'3'
			],
			[
				'Veiligheid en wonen',
				'Buurt Kwatrecht (10 maart 2026), Buurt Kwatrecht (9 maart 2027)',
				'2'
			]
		]);
		const plan = report.sections.find((s) => s.id === 'plan')!;
		const tables = plan.blocks.filter((b) => b.kind === 'table');
		expect(
			tables.map((t) => t.kind === 'table' && [t.title, t.rows.map((r) => r.join(' / '))])
		).toEqual([
			['Detectie', ['Huisbezoeken bij 80-plussers. / Eigen team, Buurt Kwatrecht']],
			['Sociale netwerken', ['Buurtfeest in juni / Buurt Kwatrecht']],
			['Toeleiding', ['Eén loket voor zorgvragen / Eigen team']]
		]);
	});

	it('names nobody', () => {
		const text = JSON.stringify(comparison('nl'));
		expect(text).not.toContain('Marieke');
		expect(text).not.toContain('Jan Peeters');
	});

	it('compares titles and themes as people would', () => {
		expect(sameKey('Veiligheid en wonen.')).toBe('veiligheid en wonen');
		expect(sameKey('Één loket!')).toBe('een loket');
	});
});
