// What one Yjs transaction changed, read from the transaction itself, with the values before and
// after: the guard judges these, and puts back the ones it refuses. Deleted content is still
// readable until the transaction ends (Yjs garbage-collects it then), so "before" is exact.
import * as Y from 'yjs';

/** A key's value: a primitive, or (`map`) a nested Y.Map read as its plain fields. */
export type Stored =
	| { exists: false }
	| { exists: true; map: false; value: unknown }
	| { exists: true; map: true; value: Record<string, unknown> };

/** One changed key: an entry of a root map, or a field of an entry (a nested map). */
export type Change = {
	root: string;
	/** The key in the root map. */
	entry: string;
	/** The field of the entry's nested map; null when the entry itself changed. */
	field: string | null;
	before: Stored;
	after: Stored;
	/** The map the key lives in. */
	target: AnyType;
};

/**
 * Changes the guard cannot read as "a key of a map" (list or text content, deeper nesting, a
 * root that is not a map): always refused.
 */
export type ShapeChange = { root: string; type: AnyType };

type Item = Y.Item;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are generic over their events
export type AnyType = Y.AbstractType<any>;

const addedIn = (tr: Y.Transaction, item: Item): boolean =>
	item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);

/** Whether `item` was deleted by this transaction (the delete set is not sorted yet). */
function deletedIn(tr: Y.Transaction, item: Item): boolean {
	const ranges = tr.deleteSet.clients.get(item.id.client);
	if (!ranges) return false;
	const clock = item.id.clock;
	return ranges.some((range) => clock >= range.clock && clock < range.clock + range.len);
}

function itemValue(item: Item): unknown {
	const content = item.content.getContent();
	return content[content.length - 1];
}

/** The item that held `key` before the transaction, if any, alive or not. */
function itemBefore(tr: Y.Transaction, type: AnyType, key: string): Item | null {
	let item: Item | null = type._map.get(key) ?? null;
	while (item && addedIn(tr, item)) item = item.left as Item | null;
	return item;
}

/** A map's fields as they were before the transaction (for an entry it deleted or replaced). */
function fieldsBefore(tr: Y.Transaction, type: AnyType): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const key of type._map.keys()) {
		const item = itemBefore(tr, type, key);
		if (item && (!item.deleted || deletedIn(tr, item))) fields[key] = itemValue(item);
	}
	return fields;
}

function read(tr: Y.Transaction, value: unknown, when: 'before' | 'after'): Stored {
	if (!(value instanceof Y.AbstractType)) return { exists: true, map: false, value };
	const fields = when === 'before' ? fieldsBefore(tr, value) : fieldsAfter(value);
	return { exists: true, map: true, value: fields };
}

function fieldsAfter(type: AnyType): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const [key, item] of type._map) {
		if (!item.deleted) fields[key] = itemValue(item);
	}
	return fields;
}

function valueBefore(tr: Y.Transaction, type: AnyType, key: string): Stored {
	const item = itemBefore(tr, type, key);
	if (!item || (item.deleted && !deletedIn(tr, item))) return { exists: false };
	return read(tr, itemValue(item), 'before');
}

function valueAfter(tr: Y.Transaction, type: AnyType, key: string): Stored {
	const item = type._map.get(key);
	if (!item || item.deleted) return { exists: false };
	return read(tr, itemValue(item), 'after');
}

/** The root map's name of a top-level type, or null. */
function rootName(doc: Y.Doc, type: AnyType): string | null {
	for (const [name, shared] of doc.share) if (shared === type) return name;
	return null;
}

/** Every key a transaction changed, as entry and field changes; and what cannot be read so. */
export function changesOf(tr: Y.Transaction): { changes: Change[]; shapes: ShapeChange[] } {
	const changes: Change[] = [];
	const shapes: ShapeChange[] = [];
	tr.changed.forEach((keys, type) => {
		const parentItem = type._item;
		const root = parentItem === null ? type : (parentItem.parent as AnyType);
		const name = root._item === null ? rootName(tr.doc, root) : null;
		const isEntry = parentItem !== null && typeof parentItem.parentSub === 'string';
		if (name === null || (parentItem !== null && !isEntry)) {
			shapes.push({ root: name ?? '?', type });
			return;
		}
		for (const key of keys) {
			if (key === null) {
				shapes.push({ root: name, type });
				continue;
			}
			changes.push({
				root: name,
				entry: parentItem === null ? key : (parentItem.parentSub as string),
				field: parentItem === null ? null : key,
				before: valueBefore(tr, type, key),
				after: valueAfter(tr, type, key),
				target: type
			});
		}
	});
	return { changes, shapes };
}

/** Items of `type` added by this transaction under `key` (null: its list content), still alive. */
function addedAlive(tr: Y.Transaction, type: AnyType, key: string | null): Item[] {
	const items: Item[] = [];
	if (key === null) {
		for (let item = type._start; item; item = item.right as Item | null)
			if (addedIn(tr, item) && !item.deleted) items.push(item);
		return items;
	}
	for (let item = type._map.get(key) ?? null; item && addedIn(tr, item); item = item.left as Item)
		if (!item.deleted) items.push(item);
	return items;
}

function restored(stored: Stored & { exists: true }): unknown {
	if (!stored.map) return stored.value;
	// Entries hold primitives only (notes, actions, clusters, checklist answers).
	const map = new Y.Map<unknown>();
	for (const [key, field] of Object.entries(stored.value))
		if (!(field instanceof Y.AbstractType)) map.set(key, field);
	return map;
}

/** Puts one key back as it was before the transaction, inside that same transaction. */
export function revertKey(tr: Y.Transaction, change: Change): void {
	const { target: type, before } = change;
	const key = change.field ?? change.entry;
	for (const item of addedAlive(tr, type, key)) item.delete(tr);
	const current = type._map.get(key);
	const alive = current !== undefined && !current.deleted;
	if (before.exists && !alive && type instanceof Y.Map) type.set(key, restored(before));
}

/** Removes whatever a transaction added to a type that may not change this way. */
export function revertShape(tr: Y.Transaction, type: AnyType): void {
	for (const item of addedAlive(tr, type, null)) item.delete(tr);
	for (const key of type._map.keys()) for (const item of addedAlive(tr, type, key)) item.delete(tr);
}
