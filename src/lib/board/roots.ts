// The one place that names the roots of the room's Y.Docs. Everything else goes through
// the typed operations in this folder.
import type * as Y from 'yjs';

export const DOC_NAMES = ['control', 'board'] as const;
export type DocName = (typeof DOC_NAMES)[number];

export function isDocName(value: string): value is DocName {
	return (DOC_NAMES as readonly string[]).includes(value);
}

export const controlRoot = (doc: Y.Doc) => doc.getMap<unknown>('control');
export const timerRoot = (doc: Y.Doc) => doc.getMap<unknown>('timer');
export const lockedStepsRoot = (doc: Y.Doc) => doc.getMap<unknown>('lockedSteps');
export const stepTimesRoot = (doc: Y.Doc) => doc.getMap<unknown>('stepTimes');
export const notesRoot = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('notes');
export const metaRoot = (doc: Y.Doc) => doc.getMap<unknown>('meta');
