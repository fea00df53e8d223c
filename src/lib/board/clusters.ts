import * as Y from 'yjs';
import { noteEntry, NoteError } from './notes';
import { USER_ORIGIN, type Origin } from './origins';
import { clustersRoot, notesRoot } from './roots';

export const MAX_CLUSTER_TITLE = 120;

export type Cluster = { id: string; step: string; title: string; created: number };

function cleanTitle(title: string): string {
	const clean = title.trim();
	if (clean.length > MAX_CLUSTER_TITLE)
		throw new NoteError(`a cluster title holds at most ${MAX_CLUSTER_TITLE} characters`);
	return clean;
}

export function createCluster(doc: Y.Doc, cluster: Cluster, origin: Origin = USER_ORIGIN): void {
	const title = cleanTitle(cluster.title);
	doc.transact(() => {
		if (clustersRoot(doc).has(cluster.id))
			throw new NoteError(`cluster ${cluster.id} exists already`);
		const entry = new Y.Map<unknown>();
		entry.set('step', cluster.step);
		entry.set('title', title);
		entry.set('created', cluster.created);
		clustersRoot(doc).set(cluster.id, entry);
	}, origin);
}

function clusterEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
	const entry = clustersRoot(doc).get(id);
	if (!(entry instanceof Y.Map)) throw new NoteError(`no cluster ${id}`);
	return entry;
}

export function renameCluster(
	doc: Y.Doc,
	id: string,
	title: string,
	origin: Origin = USER_ORIGIN
): void {
	const clean = cleanTitle(title);
	doc.transact(() => clusterEntry(doc, id).set('title', clean), origin);
}

/** Removes a cluster; its notes stay, outside any cluster. */
export function deleteCluster(doc: Y.Doc, id: string, origin: Origin = USER_ORIGIN): void {
	doc.transact(() => {
		clusterEntry(doc, id);
		clustersRoot(doc).delete(id);
		notesRoot(doc).forEach((entry) => {
			if (entry instanceof Y.Map && entry.get('cluster') === id) entry.set('cluster', '');
		});
	}, origin);
}

/** Puts a note in a cluster, or takes it out with clusterId ''. */
export function moveToCluster(
	doc: Y.Doc,
	noteId: string,
	clusterId: string,
	origin: Origin = USER_ORIGIN
): void {
	doc.transact(() => {
		if (clusterId) clusterEntry(doc, clusterId);
		noteEntry(doc, noteId).set('cluster', clusterId);
	}, origin);
}

/** Marks `duplicateId` as a duplicate of `keepId`: it leaves the lists, its dots count for keepId. */
export function mergeNotes(
	doc: Y.Doc,
	keepId: string,
	duplicateId: string,
	origin: Origin = USER_ORIGIN
): void {
	if (keepId === duplicateId) throw new NoteError('a note cannot be merged into itself');
	doc.transact(() => {
		const keep = noteEntry(doc, keepId);
		if (keep.get('mergedInto')) throw new NoteError(`note ${keepId} is itself merged`);
		noteEntry(doc, duplicateId).set('mergedInto', keepId);
		notesRoot(doc).forEach((entry) => {
			if (entry instanceof Y.Map && entry.get('mergedInto') === duplicateId)
				entry.set('mergedInto', keepId);
		});
	}, origin);
}

export function unmergeNote(doc: Y.Doc, noteId: string, origin: Origin = USER_ORIGIN): void {
	doc.transact(() => noteEntry(doc, noteId).set('mergedInto', ''), origin);
}

export function clustersFromYdoc(doc: Y.Doc): Cluster[] {
	const clusters: Cluster[] = [];
	clustersRoot(doc).forEach((entry, id) => {
		if (!(entry instanceof Y.Map)) return;
		const created = entry.get('created');
		clusters.push({
			id,
			step: String(entry.get('step') ?? ''),
			title: String(entry.get('title') ?? ''),
			created: typeof created === 'number' ? created : 0
		});
	});
	return clusters.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
}
