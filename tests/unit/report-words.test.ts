// The word step (a word cloud) as counts, and dots called dots ("stippen"), not votes.
import { describe, expect, it } from 'vitest';
import { buildReport, reportToMarkdown } from '../../src/lib/report';
import type { Workshop } from '../../src/lib/workshop/types';
import { CREATED_AT, FIXTURE_WORKSHOP, fixtureRoom, LABELS } from '../fixtures/report-room';

const WORDS: Workshop = {
	...FIXTURE_WORKSHOP,
	steps: [
		...FIXTURE_WORKSHOP.steps,
		{
			id: 'woorden',
			type: 'brainstorm',
			minutes: 5,
			title: { nl: 'In één woord', en: 'In one word', fr: 'En un mot' },
			prompt: { nl: 'Eén woord.', en: 'One word.', fr: 'Un mot.' },
			options: { words: true }
		}
	]
};

function markdown() {
	const { snapshot } = fixtureRoom();
	['Warm', 'warm ', 'Samen', 'WARM', 'veilig', 'samen'].forEach((text, i) =>
		snapshot.board.notes.push({
			id: `w${i}`,
			step: 'woorden',
			text,
			column: '',
			author: `p${i}`,
			authorName: '',
			created: CREATED_AT,
			hidden: false,
			cluster: '',
			mergedInto: ''
		})
	);
	return reportToMarkdown(
		buildReport({
			title: 'Woorden',
			createdAt: CREATED_AT,
			workshop: WORDS,
			snapshot,
			participants: 6,
			locale: 'nl',
			names: false,
			labels: LABELS
		})
	);
}

describe('the word step in the report', () => {
	it('gives each word once with how often it was given, most given first', () => {
		const md = markdown();
		const section = md.slice(md.indexOf('## In één woord'));
		expect(section).toContain(
			'| Woord | Aantal keer genoemd |\n| --- | --- |\n| Warm | 3 |\n| Samen | 2 |\n| veilig | 1 |'
		);
		expect(section).not.toContain('- WARM');
	});

	it('calls dots dots, not votes', () => {
		const md = markdown();
		expect(md).toContain('(stippen: 2)');
		expect(md).not.toContain('stemmen:');
		expect(md).toContain('| Stippen | Status |');
		expect(md).not.toContain('Prioriteit');
	});
});
