import * as Y from 'yjs';
import { USER_ORIGIN, type Origin } from './origins';
import { synthesisRoot } from './roots';

export const MAX_SYNTHESIS = 20_000;

/** The facilitator's own text for a report section, kept in the control document. */
export function setSynthesis(
	doc: Y.Doc,
	sectionId: string,
	text: string,
	origin: Origin = USER_ORIGIN
): void {
	if (text.length > MAX_SYNTHESIS)
		throw new RangeError(`a synthesis holds at most ${MAX_SYNTHESIS} characters`);
	doc.transact(() => {
		let entry = synthesisRoot(doc).get(sectionId);
		if (!(entry instanceof Y.Text)) {
			entry = new Y.Text();
			synthesisRoot(doc).set(sectionId, entry);
		}
		if (entry.toString() === text) return;
		entry.delete(0, entry.length);
		entry.insert(0, text);
	}, origin);
}

export function synthesisFromYdoc(doc: Y.Doc): Record<string, string> {
	const texts: Record<string, string> = {};
	synthesisRoot(doc).forEach((entry, sectionId) => {
		if (entry instanceof Y.Text) texts[sectionId] = entry.toString();
	});
	return texts;
}
