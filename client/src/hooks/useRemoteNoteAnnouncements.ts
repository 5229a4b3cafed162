import { useEffect, useRef } from 'react';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { notesOf, type SectionView } from '../../../shared/boardDoc.js';

/**
 * Calls `announce(sectionId, count)` when someone else adds notes while we are in sync
 * (not for the catch-up after connecting, which would flood a screen reader).
 */
export function useRemoteNoteAnnouncements(
  doc: Y.Doc,
  provider: WebsocketProvider,
  sections: SectionView[],
  announce: (sectionId: string, count: number) => void,
): void {
  const announceRef = useRef(announce);
  announceRef.current = announce;
  const sectionsRef = useRef(sections);
  sectionsRef.current = sections;

  useEffect(() => {
    const notes = notesOf(doc);
    const observer = (event: Y.YMapEvent<Y.Map<unknown>>) => {
      if (event.transaction.origin !== provider || !provider.synced) return;
      const bySection = new Map<string, number>();
      event.changes.keys.forEach((change, key) => {
        if (change.action !== 'add') return;
        const m = notes.get(key);
        const sectionId = m instanceof Y.Map ? m.get('sectionId') : undefined;
        if (typeof sectionId === 'string') bySection.set(sectionId, (bySection.get(sectionId) ?? 0) + 1);
      });
      for (const [sectionId, count] of bySection) {
        if (sectionsRef.current.some((s) => s.id === sectionId)) announceRef.current(sectionId, count);
      }
    };
    notes.observe(observer);
    return () => notes.unobserve(observer);
  }, [doc, provider]);
}
