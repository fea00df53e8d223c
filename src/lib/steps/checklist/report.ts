import { MAX_CHECK_NOTE, type RoomSnapshot } from '../../board';
import type { CsvContext, CsvRow } from '../kind';
import { m } from '../../paraglide/messages';
import { label, type ReportInput } from '../../report/blocks';
import type { ReportBlock } from '../../report/model';
import { truncate } from '../../report/text';
import type { Locale, WorkshopStep } from '../../workshop/types';
import { csvRow } from '../csv-row';

/** An answer in words, in the report's language ('': no answer yet). */
const answerTexts = (locale: Locale) => ({
	yes: m.report_answer_yes({}, { locale }),
	partly: m.report_answer_partly({}, { locale }),
	no: m.report_answer_no({}, { locale }),
	'': m.report_answer_none({}, { locale })
});

/** The group's answers, one row per item: item, answer, note. */
export function checklistBlocks(input: ReportInput, step: WorkshopStep): ReportBlock[] {
	const { locale } = input;
	const answers = input.snapshot.board.checklist.filter((a) => a.step === step.id);
	if (answers.length === 0) return [];
	const answerText = answerTexts(locale);
	return [
		{
			kind: 'table',
			columns: [
				m.report_item({}, { locale }),
				m.report_answer({}, { locale }),
				m.report_note({}, { locale })
			],
			rows: answers.map((a) => [
				label(input, a.item),
				answerText[a.answer],
				truncate(a.note, MAX_CHECK_NOTE)
			])
		}
	];
}

/** The group's checklist answers in the CSV export: item, answer and note in their own columns. */
export function checklistRows(
	snapshot: RoomSnapshot,
	_workshop: unknown,
	context: CsvContext
): CsvRow[] {
	const { locale } = context;
	const answerText = answerTexts(locale);
	const kind = m.report_csv_kind_answer({}, { locale });
	return snapshot.board.checklist.map((a) =>
		csvRow({
			type: kind,
			step: context.id(a.step),
			step_title: context.title(a.step),
			text: context.label(a.item),
			answer: answerText[a.answer],
			note: truncate(a.note, MAX_CHECK_NOTE)
		})
	);
}
