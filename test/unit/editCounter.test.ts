import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, getNoteText, initBoardDoc, prioritiesOf } from '../../shared/boardDoc.js';
import { TEMPLATES } from '../../shared/templates.js';
import { EditCounter, editedItem } from '../../server/yjs/editCounter.js';

function lastItem(doc: Y.Doc, change: () => void): string | null {
  let item: string | null = null;
  const grab = (tr: Y.Transaction) => (item = editedItem(doc, tr));
  doc.on('afterTransaction', grab);
  change();
  doc.off('afterTransaction', grab);
  return item;
}

describe('edit counting for the balance of voice', () => {
  it('names the item a change touched', () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, TEMPLATES.blank);
    let id = '';
    expect(lastItem(doc, () => (id = addNote(doc, { sectionId: 'ideas', text: 'x', author: 'a' })))).toBe(`note:${id}`);
    expect(lastItem(doc, () => getNoteText(doc, id)!.insert(1, 'y'))).toBe(`note:${id}`);
    expect(lastItem(doc, () => prioritiesOf(doc).push([id]))).toBe('priorities');
  });

  it('counts a burst of typing in one item as one edit, and another item or a later return as another', () => {
    const c = new EditCounter();
    expect(c.count('p', 'note:1', 0)).toBe(true);
    for (let t = 100; t < 3000; t += 100) expect(c.count('p', 'note:1', t)).toBe(false);
    expect(c.count('p', 'note:2', 3100)).toBe(true);
    expect(c.count('p', 'note:1', 3200)).toBe(true);
    expect(c.count('p', 'note:1', 9000)).toBe(true);
    expect(c.count('q', 'note:1', 9001)).toBe(true);
  });
});
