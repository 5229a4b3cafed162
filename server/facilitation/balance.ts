import { listNotes, listPriorities } from '../../shared/boardDoc.js';
import type { BalanceOfVoice } from '../../shared/facilitation.js';
import { PARTICIPANT_GROUPS, type ParticipantGroup } from '../../shared/participants.js';
import { emptyGroupCounts, type ClosedRound } from '../../shared/votes.js';
import { readDoc } from '../boards/readDoc.js';
import type { BoardStore, ParticipantRecord } from '../store/types.js';
import type { DocRegistry } from '../yjs/docRegistry.js';

/** How many entries at the top of the priority list count as "top priorities" for the balance of voice. */
export const TOP_PRIORITIES = 5;

/** Everything the balance of voice is counted from, already read. */
export interface VoiceCounts {
  /** Everyone who ever joined, removed people included (their past edits and dots still count). */
  people: readonly Pick<ParticipantRecord, 'id' | 'group' | 'authorKey' | 'anonAuthorKey' | 'inRoom' | 'removedAt'>[];
  /** Participant ids connected now. */
  present: ReadonlySet<string>;
  /** Accepted doc updates per participant id. */
  edits: ReadonlyMap<string, number>;
  rounds: readonly Pick<ClosedRound, 'results'>[];
  /** The notes on the board now; `author` is an author key (plain or anonymous). */
  notes: readonly { id: string; author: string }[];
  /** The shared priority list as people see it (listPriorities: no duplicates), top first. */
  priorities: readonly string[];
}

/**
 * Whose voices are in the plan, by participant group only (never by person). Pure: counted
 * from what `counts` holds, nothing read or kept.
 */
export function balanceOfVoice(counts: VoiceCounts): BalanceOfVoice {
  const { people, present, edits, rounds, notes } = counts;
  const groupOfId = new Map(people.map((p) => [p.id, p.group]));
  const groupOfAuthor = new Map(
    people
      .flatMap(
        (p) =>
          [
            [p.authorKey, p.group],
            [p.anonAuthorKey, p.group],
          ] as const,
      )
      .filter(([key]) => key !== ''),
  );
  const figures = {
    present: emptyGroupCounts(),
    notesWritten: emptyGroupCounts(),
    editsMade: emptyGroupCounts(),
    dotsCast: emptyGroupCounts(),
    topPriorities: emptyGroupCounts(),
  };
  // People in the room without a device count as present; removed people do not.
  for (const p of people) if (p.removedAt === null && (p.inRoom || present.has(p.id))) figures.present[p.group]++;
  for (const [id, n] of edits) figures.editsMade[groupOfId.get(id) ?? 'unspecified'] += n;
  for (const { results } of rounds) {
    for (const t of results.tallies) for (const g of PARTICIPANT_GROUPS) figures.dotsCast[g] += t.byGroup[g];
  }
  const authorOfNote = new Map(notes.map((n) => [n.id, n.author]));
  const groupOf = (author: string | undefined): ParticipantGroup => (author && groupOfAuthor.get(author)) || 'unspecified';
  for (const n of notes) figures.notesWritten[groupOf(n.author)]++;
  // An entry for a note not in `notes` (deleted) does not count.
  let counted = 0;
  for (const noteId of counts.priorities.slice(0, TOP_PRIORITIES)) {
    if (!authorOfNote.has(noteId)) continue;
    figures.topPriorities[groupOf(authorOfNote.get(noteId))]++;
    counted++;
  }
  return { ...figures, topPriorityCount: counted };
}

/**
 * Reads a board's balance of voice: people, edit counters and closed rounds from the store,
 * who is connected from presence, notes and priorities from the live doc.
 */
export function balanceReader(deps: {
  store: Pick<BoardStore, 'listParticipants' | 'editCounts' | 'listClosedRounds'>;
  registry: Pick<DocRegistry, 'acquire' | 'release'>;
  presentParticipants: (boardId: string) => Promise<Set<string>>;
}): (boardId: string) => Promise<BalanceOfVoice> {
  return async (boardId) => {
    const [people, edits, rounds] = await Promise.all([
      deps.store.listParticipants(boardId),
      deps.store.editCounts(boardId),
      deps.store.listClosedRounds(boardId),
    ]);
    const present = await deps.presentParticipants(boardId);
    const { notes, priorities } = await readDoc(deps.registry, boardId, (doc) => ({
      notes: listNotes(doc),
      priorities: listPriorities(doc),
    }));
    return balanceOfVoice({ people, present, edits, rounds, notes, priorities });
  };
}
