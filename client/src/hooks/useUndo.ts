import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undo: () => boolean;
  redo: () => boolean;
}

/** Undo and redo of this person's own changes (the UndoManager tracks local transactions only). */
export function useUndo(undoManager: Y.UndoManager): UndoState {
  const [canUndo, setCanUndo] = useState(() => undoManager.canUndo());
  const [canRedo, setCanRedo] = useState(() => undoManager.canRedo());

  useEffect(() => {
    const update = () => {
      setCanUndo(undoManager.canUndo());
      setCanRedo(undoManager.canRedo());
    };
    update();
    undoManager.on('stack-item-added', update);
    undoManager.on('stack-item-popped', update);
    undoManager.on('stack-cleared', update);
    return () => {
      undoManager.off('stack-item-added', update);
      undoManager.off('stack-item-popped', update);
      undoManager.off('stack-cleared', update);
    };
  }, [undoManager]);

  const undo = useCallback(() => undoManager.undo() !== null, [undoManager]);
  const redo = useCallback(() => undoManager.redo() !== null, [undoManager]);
  return { canUndo, canRedo, undo, redo };
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(target.type);
  }
  return false;
}

/** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (⌘ on a Mac), except where a text field keeps its own undo. */
export function useUndoShortcuts(onUndo: () => void, onRedo: () => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextEntry(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        onUndo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        onRedo();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onUndo, onRedo]);
}
