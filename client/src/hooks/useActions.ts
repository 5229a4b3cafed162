import { useEffect, useRef } from 'react';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { listActions, type ActionView } from '../../../shared/actionPlan.js';
import { actionsOf } from '../../../shared/boardDoc.js';
import { useYObserved } from './useYObserved.js';

/** An action without its text: what the list needs. The text is bound straight to each textarea. */
export type ActionMeta = Omit<ActionView, 'what'>;

/** Typing inside an action's "what" only touches its Y.Text: such events never change the list. */
function touchesList(events: Array<Y.YEvent<Y.AbstractType<unknown>>>): boolean {
  return events.some((e) => !(e.target instanceof Y.Text));
}

/** The shared action plan, in order, as everyone sees it. */
export function useActionList(doc: Y.Doc): ActionMeta[] {
  return useYObserved(actionsOf(doc), () => listActions(doc).map(({ what: _what, ...meta }) => meta), undefined, touchesList);
}

/**
 * Someone else added an action while we are in sync: calls `onRemoteAdd` with how many, so a
 * screen reader can be told (not for the catch-up after connecting, which would flood it).
 * Local additions are announced where they happen.
 */
export function useRemoteActionAnnouncements(doc: Y.Doc, provider: WebsocketProvider, onRemoteAdd: (count: number) => void): void {
  const cb = useRef(onRemoteAdd);
  cb.current = onRemoteAdd;
  useEffect(() => {
    const actions = actionsOf(doc);
    const observer = (event: Y.YMapEvent<unknown>) => {
      if (event.transaction.origin !== provider || !provider.synced) return;
      let added = 0;
      event.changes.keys.forEach((change) => {
        if (change.action === 'add') added++;
      });
      if (added > 0) cb.current(added);
    };
    actions.observe(observer);
    return () => actions.unobserve(observer);
  }, [doc, provider]);
}
