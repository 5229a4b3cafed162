import { useEffect, useRef } from 'react';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { actionsOf, notesOf, type SectionView } from '../../../shared/boardDoc.js';

/** What someone else did, as one line of a summary. `sectionId` is null for actions. */
export interface RemoteChange {
  kind: 'noteAdded' | 'noteMoved' | 'actionAdded';
  sectionId: string | null;
  /** The author key of whoever did it, when known (never when the board is anonymous). */
  who: string | null;
  count: number;
}

/** At most one announcement this often, so a burst of changes is one sentence, not a flood. */
export const ANNOUNCE_INTERVAL_MS = 2000;
/** How long to wait for the rest of a burst before the first announcement. */
const GATHER_MS = 300;

/** The doc client that last wrote `key` of a Y.Map (Yjs keeps it on the item's id). */
// biome-ignore lint/suspicious/noExplicitAny: Yjs maps are invariant in their value type; notes and actions maps both pass here.
function writerOf(map: Y.Map<any>, key: string): number | null {
  const item = (map as unknown as { _map?: Map<string, { id?: { client?: number } }> })._map?.get(key);
  return typeof item?.id?.client === 'number' ? item.id.client : null;
}

/**
 * Tells `announce` what other people did while we are in sync (not the catch-up after
 * connecting, which would flood a screen reader): notes added (with their author), notes moved to
 * another section, and actions added to the plan. Never our own changes. Changes are gathered
 * and summarised, at most one announcement every ANNOUNCE_INTERVAL_MS.
 *
 * Who moved a note or added an action is not stored in the doc; it is known when the same doc
 * client has added a note (whose `author` is stored). `isKnown(authorKey)` says whether a key
 * may be named now (false for every key while the board is anonymous); otherwise `who` is null.
 */
export function useRemoteNoteAnnouncements(
  doc: Y.Doc,
  provider: WebsocketProvider,
  sections: SectionView[],
  announce: (changes: RemoteChange[]) => void,
  options: { myAuthorKeys: ReadonlySet<string>; isKnown: (authorKey: string) => boolean },
): void {
  const announceRef = useRef(announce);
  announceRef.current = announce;
  const sectionsRef = useRef(sections);
  sectionsRef.current = sections;
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    const notes = notesOf(doc);
    const actions = actionsOf(doc);
    /** Doc client id → author key, learnt from the notes each client added. */
    const clientAuthor = new Map<number, string>();
    const learn = (note: Y.Map<unknown>, key: string) => {
      const client = writerOf(notes, key);
      const author = note.get('author');
      if (client !== null && typeof author === 'string' && author) clientAuthor.set(client, author);
    };
    notes.forEach((m, key) => {
      if (m instanceof Y.Map) learn(m, key);
    });

    let pending: RemoteChange[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastAt = 0;
    const flush = () => {
      timer = null;
      const known = new Set(sectionsRef.current.map((s) => s.id));
      const changes = pending.filter((c) => c.sectionId === null || known.has(c.sectionId));
      pending = [];
      if (changes.length === 0) return;
      lastAt = Date.now();
      announceRef.current(changes);
    };
    const record = (kind: RemoteChange['kind'], sectionId: string | null, authorKey: string | null) => {
      const { myAuthorKeys, isKnown } = optionsRef.current;
      if (authorKey && myAuthorKeys.has(authorKey)) return; // our own change, from another tab or device
      const who = authorKey && isKnown(authorKey) ? authorKey : null;
      const same = pending.find((c) => c.kind === kind && c.sectionId === sectionId && c.who === who);
      if (same) same.count++;
      else pending.push({ kind, sectionId, who, count: 1 });
      if (!timer) timer = setTimeout(flush, Math.max(GATHER_MS, lastAt + ANNOUNCE_INTERVAL_MS - Date.now()));
    };
    const remote = (tr: Y.Transaction) => tr.origin === provider && provider.synced;

    const onNotes = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, tr: Y.Transaction) => {
      const live = remote(tr);
      for (const event of events) {
        if (event.target === notes) {
          (event as Y.YMapEvent<unknown>).changes.keys.forEach((change, key) => {
            if (change.action !== 'add') return;
            const m = notes.get(key);
            if (!(m instanceof Y.Map)) return;
            learn(m, key);
            const sectionId = m.get('sectionId');
            const author = m.get('author');
            if (live && typeof sectionId === 'string') record('noteAdded', sectionId, typeof author === 'string' ? author : null);
          });
        } else if (live && event.target instanceof Y.Map && event.target.parent === notes) {
          const change = (event as Y.YMapEvent<unknown>).changes.keys.get('sectionId');
          const sectionId = event.target.get('sectionId');
          if (change?.action !== 'update' || typeof sectionId !== 'string' || change.oldValue === sectionId) continue;
          const client = writerOf(event.target, 'sectionId');
          record('noteMoved', sectionId, client === null ? null : (clientAuthor.get(client) ?? null));
        }
      }
    };
    const onActions = (event: Y.YMapEvent<unknown>, tr: Y.Transaction) => {
      if (!remote(tr)) return;
      event.changes.keys.forEach((change, key) => {
        if (change.action !== 'add') return;
        const client = writerOf(actions, key);
        record('actionAdded', null, client === null ? null : (clientAuthor.get(client) ?? null));
      });
    };
    notes.observeDeep(onNotes);
    actions.observe(onActions);
    return () => {
      notes.unobserveDeep(onNotes);
      actions.unobserve(onActions);
      if (timer) clearTimeout(timer);
    };
  }, [doc, provider]);
}

/**
 * The sentence for a summary: "Rhian added a note to Shared goals", "Someone moved a note to Plan
 * together", "3 notes were added to Shared goals" (several people, or nobody named), joined.
 */
export function describeRemoteChanges(
  changes: RemoteChange[],
  t: (key: string, values: Record<string, unknown>) => string,
  sectionTitle: (sectionId: string) => string | null,
  nameOf: (authorKey: string) => string | null,
): string {
  // Changes of one kind in one place by different (or unnamed) people are told as one number.
  const groups = new Map<string, { kind: RemoteChange['kind']; sectionId: string | null; names: Set<string | null>; count: number }>();
  for (const c of changes) {
    const k = `${c.kind}|${c.sectionId ?? ''}`;
    const g = groups.get(k) ?? { kind: c.kind, sectionId: c.sectionId, names: new Set(), count: 0 };
    g.names.add(c.who ? nameOf(c.who) : null);
    g.count += c.count;
    groups.set(k, g);
  }
  const sentences: string[] = [];
  for (const g of groups.values()) {
    const section = g.sectionId ? sectionTitle(g.sectionId) : null;
    if (g.sectionId && section === null) continue;
    const [only] = g.names;
    const name = g.names.size === 1 ? only : null;
    const key = `announce.${g.kind}${name ? 'By' : g.count === 1 ? 'Someone' : 'Passive'}`;
    sentences.push(t(key, { count: g.count, name: name ?? '', section: section ?? '' }));
  }
  return sentences.join(' ');
}
