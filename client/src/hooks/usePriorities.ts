import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { listPriorities, notesOf, prioritiesOf } from '../../../shared/boardDoc.js';

/**
 * The shared priority list (note ids, best first), as everyone sees it. Re-reads when the list
 * changes, and when notes are added or deleted (a deleted note drops out of the list); typing
 * in a note does not touch either.
 */
export function usePriorities(doc: Y.Doc): string[] {
  const [list, setList] = useState<string[]>(() => listPriorities(doc));
  useEffect(() => {
    const update = () =>
      setList((prev) => {
        const next = listPriorities(doc);
        return prev.length === next.length && prev.every((x, i) => x === next[i]) ? prev : next;
      });
    const priorities = prioritiesOf(doc);
    const notes = notesOf(doc);
    priorities.observe(update);
    notes.observe(update); // shallow: only notes added or deleted
    update();
    return () => {
      priorities.unobserve(update);
      notes.unobserve(update);
    };
  }, [doc]);
  return list;
}

