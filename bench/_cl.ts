export {};
import * as Y from 'yjs';
import { addNote, editNote, notesFromYdoc } from '../src/lib/board';
import { migrate } from '../src/lib/board/schema';
const doc = new Y.Doc();
migrate(doc);
for (let i = 0; i < 20000; i++) {
  const id = `n${Math.floor(i / 4)}`;
  const text = `Bijdrage ${i}: een buurt waar mensen elkaar kennen en helpen.`;
  if (i % 4 === 0) addNote(doc, { id, step: 'brainstorm', text, author: `p${i % 30}`, authorName: '', created: i });
  else editNote(doc, id, text);
}
const snap = Y.encodeStateAsUpdate(doc);
const snap2 = Y.encodeStateAsUpdateV2(doc);
console.log('bytes', snap.length, snap2.length);
for (let r = 0; r < 6; r++) {
  let t = performance.now();
  const d = new Y.Doc(); Y.applyUpdate(d, snap);
  const a = performance.now() - t; t = performance.now();
  const d2 = new Y.Doc(); Y.applyUpdateV2(d2, snap2);
  const b = performance.now() - t; t = performance.now();
  notesFromYdoc(d);
  const c = performance.now() - t;
  console.log('v1', a.toFixed(1), 'v2', b.toFixed(1), 'snapshot', c.toFixed(1));
}
