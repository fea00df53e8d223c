import { CSV_COLUMNS, type CsvColumn } from '../report/csv';
import type { CsvRow } from './kind';

/**
 * One row of the CSV export from named columns, in the order of CSV_COLUMNS; the columns left out
 * stay empty (and the export pads the row to the full width).
 */
export function csvRow(fields: Partial<Record<CsvColumn, string | number>>): CsvRow {
	const last = Math.max(...Object.keys(fields).map((c) => CSV_COLUMNS.indexOf(c as CsvColumn)));
	return CSV_COLUMNS.slice(0, last + 1).map((column) => fields[column] ?? '');
}
