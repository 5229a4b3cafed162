import type * as Y from 'yjs';
import { listNotes, listPriorities, listSections } from '../../shared/boardDoc.js';
import type { BalanceOfVoice, BreakRequest, FacilitationState } from '../../shared/facilitation.js';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import { PARTICIPANT_GROUPS, type ParticipantGroup } from '../../shared/participants.js';
import { DOC_CLOSE, type ErrorCode } from '../../shared/session.js';
import { emptyGroupCounts } from '../../shared/votes.js';
import { hashSecret, newPublicId, newSecret } from '../auth/secrets.js';
import { BoardError } from '../boards/boardService.js';
import type { Logger } from '../logger.js';
import type { BoardStore, ParticipantRecord } from '../store/types.js';
import type { DocRegistry } from '../yjs/docRegistry.js';
import type { WritePolicy } from '../yjs/liveBoard.js';
import { initialSessionState, parseSessionState, publicView, timer, type StoredSessionState } from './sessionState.js';

export interface FacilitationEvents {
  stateChanged(boardId: string, state: FacilitationState): void;
  breaksChanged(boardId: string, breaks: BreakRequest[]): void;
  logged(boardId: string, entry: LogEntry): void;
  /** Presence entries changed: one person's (participantId), or everyone's. */
  participantsChanged(boardId: string, participantId?: string): void;
  roleChanged(boardId: string, participantId: string, facilitator: boolean): void;
  removed(boardId: string, participantId: string): void;
  /** Session state or roles changed here: other instances must reload them (scaled deployment). */
  sessionChanged(boardId: string): void;
  /** Close a removed participant's doc connections on every instance. */
  closeParticipant(boardId: string, participantId: string, code: number, reason: string): Promise<void>;
}

interface Cached {
  state: StoredSessionState;
  facilitators: Set<string>;
}

const refuse = (code: ErrorCode, message: string, status: 400 | 403 | 404 | 409 = 409) => new BoardError(status, code, message);

/** How many entries at the top of the priority list count as "top priorities" for the balance of voice. */
export const TOP_PRIORITIES = 5;

/**
 * Facilitation without extra power: steps, timer, lock, anonymity, co-facilitation, removal,
 * link rotation, raised hands and break requests. All decided here, stored, broadcast, and
 * (where it changes what the group can do) written to the visible log. Also the write policy
 * the doc layer asks "may this person edit now?".
 */
export class FacilitationService implements WritePolicy {
  private readonly cache = new Map<string, Promise<Cached>>();
  /** One change at a time per board, so read-modify-write never interleaves. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly loaded = new Map<string, Cached>();

  constructor(
    private readonly deps: {
      store: BoardStore;
      registry: () => DocRegistry;
      log: Logger;
      events: FacilitationEvents;
      presentParticipants: (boardId: string) => Promise<Set<string>>;
    },
  ) {}

  private load(boardId: string): Promise<Cached> {
    let entry = this.cache.get(boardId);
    if (!entry) {
      entry = (async () => {
        const [raw, people] = await Promise.all([this.deps.store.getSessionState(boardId), this.deps.store.listParticipants(boardId)]);
        const cached: Cached = {
          state: raw === null ? initialSessionState() : parseSessionState(raw),
          facilitators: new Set(people.filter((p) => p.role === 'facilitator' && p.removedAt === null).map((p) => p.id)),
        };
        this.loaded.set(boardId, cached);
        return cached;
      })();
      this.cache.set(boardId, entry);
      entry.catch(() => this.cache.delete(boardId));
    }
    return entry;
  }

  async prepare(boardId: string): Promise<void> {
    await this.load(boardId);
  }

  /**
   * Re-reads a board's state and facilitators (another instance changed them). Queued behind
   * this instance's own changes to the board, so an older read never overwrites a newer state.
   */
  reload(boardId: string): Promise<void> {
    if (!this.cache.has(boardId)) return Promise.resolve(); // never loaded here: nothing to refresh
    return this.serial(boardId, async () => {
      const [raw, people] = await Promise.all([this.deps.store.getSessionState(boardId), this.deps.store.listParticipants(boardId)]);
      const cached: Cached = {
        state: raw === null ? initialSessionState() : parseSessionState(raw),
        facilitators: new Set(people.filter((p) => p.role === 'facilitator' && p.removedAt === null).map((p) => p.id)),
      };
      this.loaded.set(boardId, cached);
      this.cache.set(boardId, Promise.resolve(cached));
    });
  }

  canWrite(boardId: string, participantId: string): boolean {
    const cached = this.loaded.get(boardId);
    if (!cached) {
      this.deps.log.error({ boardId }, 'write policy asked before facilitation state was loaded; refusing');
      return false;
    }
    return !cached.state.locked || cached.facilitators.has(participantId);
  }

  async isAnonymous(boardId: string): Promise<boolean> {
    return (await this.load(boardId)).state.anonymous;
  }

  async view(boardId: string): Promise<FacilitationState> {
    return publicView((await this.load(boardId)).state);
  }

  async breaksFor(boardId: string, actorId: string): Promise<BreakRequest[] | null> {
    const cached = await this.load(boardId);
    return cached.facilitators.has(actorId) ? cached.state.breaks : null;
  }

  private async fresh(boardId: string, participantId: string): Promise<ParticipantRecord> {
    const p = await this.deps.store.getParticipant(boardId, participantId);
    if (!p || p.removedAt !== null) throw new BoardError(401, 'unauthorized', 'Your place on this board has ended.');
    return p;
  }

  private async requireFacilitator(boardId: string, actorId: string): Promise<ParticipantRecord> {
    const actor = await this.fresh(boardId, actorId);
    if (actor.role !== 'facilitator') throw refuse('forbidden', 'Only the facilitator can do that.', 403);
    return actor;
  }

  private serial<T>(boardId: string, run: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(boardId) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(run);
    this.queues.set(boardId, next);
    return next;
  }

  private async log(boardId: string, actor: ParticipantRecord, action: LogEntry['action'], detail: LogEntry['detail']) {
    const entry: LogEntry = { id: newPublicId(), at: Date.now(), actorId: actor.id, actorName: actor.name, action, detail };
    await this.deps.store.appendLog(boardId, entry);
    this.deps.events.logged(boardId, entry);
  }

  /**
   * Applies a change to the board's state: who may make it, the change itself (which may return
   * a log entry), then store, broadcast and log, in that order.
   */
  private change(
    boardId: string,
    actorId: string,
    who: 'facilitator' | 'anyone',
    apply: (state: StoredSessionState, actor: ParticipantRecord, now: number) => Promise<{ action: LogEntry['action']; detail: LogEntry['detail'] } | void> | { action: LogEntry['action']; detail: LogEntry['detail'] } | void,
  ): Promise<FacilitationState> {
    return this.serial(boardId, async () => {
      const actor = who === 'facilitator' ? await this.requireFacilitator(boardId, actorId) : await this.fresh(boardId, actorId);
      const cached = await this.load(boardId);
      const draft: StoredSessionState = structuredClone(cached.state);
      const now = Date.now();
      const logged = await apply(draft, actor, now);
      await this.deps.store.saveSessionState(boardId, draft);
      cached.state = draft;
      const view = publicView(draft, now);
      this.deps.events.stateChanged(boardId, view);
      this.deps.events.sessionChanged(boardId);
      if (logged) await this.log(boardId, actor, logged.action, logged.detail);
      return view;
    });
  }

  private async withDoc<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const registry = this.deps.registry();
    const live = await registry.acquire(boardId);
    try {
      return read(live.doc);
    } finally {
      registry.release(live);
    }
  }

  setStep(boardId: string, actorId: string, step: string | null) {
    return this.change(boardId, actorId, 'facilitator', async (s) => {
      let title: { en: string; cy: string } | null = null;
      if (step !== null) {
        const section = await this.withDoc(boardId, (doc) => listSections(doc).find((x) => x.id === step));
        if (!section) throw refuse('not-found', 'There is no such step on this board.', 404);
        title = section.title;
      }
      if (s.step === step) return;
      s.step = step;
      return { action: 'step-changed', detail: { step, title: title?.en ?? null, titleCy: title?.cy ?? null } };
    });
  }

  setTimer(boardId: string, actorId: string, durationMs: number | null) {
    return this.change(boardId, actorId, 'facilitator', (s) => {
      s.timer = durationMs === null ? null : timer.set(durationMs);
    });
  }

  runTimer(boardId: string, actorId: string, running: boolean) {
    return this.change(boardId, actorId, 'facilitator', (s, _a, now) => {
      if (!s.timer) throw refuse('invalid-request', 'Set the timer first.', 400);
      s.timer = running ? timer.start(s.timer, now) : timer.pause(s.timer, now);
    });
  }

  addTime(boardId: string, actorId: string, ms: number) {
    return this.change(boardId, actorId, 'facilitator', (s, _a, now) => {
      if (!s.timer) throw refuse('invalid-request', 'Set the timer first.', 400);
      s.timer = timer.add(s.timer, ms, now);
    });
  }

  setLocked(boardId: string, actorId: string, locked: boolean) {
    return this.change(boardId, actorId, 'facilitator', (s) => {
      if (s.locked === locked) return;
      s.locked = locked;
      return { action: locked ? 'locked' : 'unlocked', detail: {} };
    });
  }

  async setAnonymous(boardId: string, actorId: string, anonymous: boolean) {
    const view = await this.change(boardId, actorId, 'facilitator', (s) => {
      if (s.anonymous === anonymous) return;
      s.anonymous = anonymous;
      return { action: 'anonymity-changed', detail: { anonymous } };
    });
    this.deps.events.participantsChanged(boardId); // presence entries gain or lose author keys
    return view;
  }

  setHand(boardId: string, actorId: string, raised: boolean) {
    return this.change(boardId, actorId, 'anyone', (s, actor, now) => {
      const has = s.hands.some((h) => h.participantId === actor.id);
      if (raised && !has) s.hands.push({ participantId: actor.id, raisedAt: now });
      if (!raised) s.hands = s.hands.filter((h) => h.participantId !== actor.id);
    });
  }

  clearHand(boardId: string, actorId: string, participantId: string) {
    return this.change(boardId, actorId, 'facilitator', (s) => {
      s.hands = s.hands.filter((h) => h.participantId !== participantId);
    });
  }

  async requestBreak(boardId: string, actorId: string, anonymous: boolean): Promise<{ sent: true }> {
    await this.serial(boardId, async () => {
      const actor = await this.fresh(boardId, actorId);
      const cached = await this.load(boardId);
      const request: BreakRequest = { id: newPublicId(), at: Date.now(), participantId: anonymous ? null : actor.id, name: anonymous ? null : actor.name };
      // One open request per person (asking again replaces it), so nobody can flood the queue.
      // Who asked is kept server-side even when the request is shown without a name.
      const mine = new Set(Object.entries(cached.state.breakOwners ?? {}).filter(([, who]) => who === actor.id).map(([id]) => id));
      const breaks = [...cached.state.breaks.filter((b) => !mine.has(b.id)), request];
      const breakOwners = Object.fromEntries([...Object.entries(cached.state.breakOwners ?? {}).filter(([id]) => !mine.has(id)), [request.id, actor.id]]);
      const draft = { ...cached.state, breaks, breakOwners };
      await this.deps.store.saveSessionState(boardId, draft);
      cached.state = draft;
      this.deps.events.breaksChanged(boardId, draft.breaks);
      this.deps.events.sessionChanged(boardId);
    });
    return { sent: true };
  }

  async clearBreak(boardId: string, actorId: string, id: string): Promise<{ breaks: BreakRequest[] }> {
    return this.serial(boardId, async () => {
      await this.requireFacilitator(boardId, actorId);
      const cached = await this.load(boardId);
      const breakOwners = Object.fromEntries(Object.entries(cached.state.breakOwners ?? {}).filter(([bid]) => bid !== id));
      const draft = { ...cached.state, breaks: cached.state.breaks.filter((b) => b.id !== id), breakOwners };
      await this.deps.store.saveSessionState(boardId, draft);
      cached.state = draft;
      this.deps.events.breaksChanged(boardId, draft.breaks);
      this.deps.events.sessionChanged(boardId);
      return { breaks: draft.breaks };
    });
  }

  async setRole(boardId: string, actorId: string, participantId: string, facilitator: boolean) {
    return this.serial(boardId, async () => {
      const actor = await this.requireFacilitator(boardId, actorId);
      const target = await this.deps.store.getParticipant(boardId, participantId);
      if (!target || target.removedAt !== null) throw refuse('not-found', 'That person is not on this board.', 404);
      if (target.inRoom) throw refuse('invalid-request', 'Someone without a device cannot hold the facilitator role.', 400);
      if (!facilitator && target.role === 'facilitator' && !target.coFacilitator) {
        throw refuse('last-facilitator', 'The facilitator who started the board keeps their role.', 403);
      }
      const changed = (target.role === 'facilitator') !== facilitator;
      if (changed) {
        await this.deps.store.setRole(boardId, target.id, facilitator ? 'facilitator' : 'participant', facilitator);
        const cached = await this.load(boardId);
        if (facilitator) cached.facilitators.add(target.id);
        else cached.facilitators.delete(target.id);
        this.deps.events.roleChanged(boardId, target.id, facilitator);
        this.deps.events.sessionChanged(boardId);
        this.deps.events.participantsChanged(boardId, target.id);
        await this.log(boardId, actor, 'role-changed', { participantId: target.id, participantName: target.name, facilitator });
      }
      return { participantId: target.id, facilitator };
    });
  }

  async remove(boardId: string, actorId: string, participantId: string) {
    return this.serial(boardId, async () => {
      const actor = await this.requireFacilitator(boardId, actorId);
      const target = await this.deps.store.getParticipant(boardId, participantId);
      if (!target || target.removedAt !== null) throw refuse('not-found', 'That person is not on this board.', 404);
      if (target.id === actor.id) throw refuse('invalid-request', 'You cannot remove yourself.', 400);
      if (target.role === 'facilitator' && !target.coFacilitator) {
        throw refuse('last-facilitator', 'The facilitator who started the board cannot be removed.', 403);
      }
      await this.deps.store.removeParticipant(boardId, target.id, Date.now());
      const cached = await this.load(boardId);
      cached.facilitators.delete(target.id);
      if (cached.state.hands.some((h) => h.participantId === target.id)) {
        cached.state = { ...cached.state, hands: cached.state.hands.filter((h) => h.participantId !== target.id) };
        await this.deps.store.saveSessionState(boardId, cached.state);
        this.deps.events.stateChanged(boardId, publicView(cached.state));
      }
      this.deps.events.removed(boardId, target.id);
      this.deps.events.sessionChanged(boardId);
      await this.deps.events.closeParticipant(boardId, target.id, DOC_CLOSE.removed.code, DOC_CLOSE.removed.reason);
      this.deps.events.participantsChanged(boardId, target.id);
      await this.log(boardId, actor, 'participant-removed', { participantId: target.id, participantName: target.name });
      return { participantId: target.id };
    });
  }

  async rotateJoinLink(boardId: string, actorId: string): Promise<{ joinKey: string }> {
    return this.serial(boardId, async () => {
      const actor = await this.requireFacilitator(boardId, actorId);
      const joinKey = newSecret();
      await this.deps.store.setJoinKeyHash(boardId, hashSecret(joinKey));
      await this.log(boardId, actor, 'link-rotated', {});
      return { joinKey };
    });
  }

  async createShareLink(boardId: string, actorId: string): Promise<{ viewKey: string }> {
    return this.serial(boardId, async () => {
      const actor = await this.requireFacilitator(boardId, actorId);
      const viewKey = newSecret();
      await this.deps.store.setViewKeyHash(boardId, hashSecret(viewKey));
      await this.log(boardId, actor, 'share-link-created', {});
      return { viewKey };
    });
  }

  /** Group figures only. Counts come from the doc, the stored edit counters and the closed rounds. */
  async balance(boardId: string): Promise<BalanceOfVoice> {
    const [people, edits, rounds] = await Promise.all([
      this.deps.store.listParticipants(boardId),
      this.deps.store.editCounts(boardId),
      this.deps.store.listClosedRounds(boardId),
    ]);
    const groupOfId = new Map(people.map((p) => [p.id, p.group]));
    const groupOfAuthor = new Map(
      people.flatMap((p) => [[p.authorKey, p.group], [p.anonAuthorKey, p.group]] as const).filter(([key]) => key !== ''),
    );
    const present = await this.deps.presentParticipants(boardId);
    const figures = {
      present: emptyGroupCounts(),
      notesWritten: emptyGroupCounts(),
      editsMade: emptyGroupCounts(),
      dotsCast: emptyGroupCounts(),
      topPriorities: emptyGroupCounts(),
    };
    for (const p of people) if (p.removedAt === null && (p.inRoom || present.has(p.id))) figures.present[p.group]++;
    for (const [id, n] of Object.entries(edits)) figures.editsMade[groupOfId.get(id) ?? 'unspecified'] += n;
    for (const { results } of rounds) {
      for (const t of results.tallies) for (const g of PARTICIPANT_GROUPS) figures.dotsCast[g] += t.byGroup[g];
    }
    // The list as people see it: no duplicates (two people adding the same note at once), no deleted notes.
    const { notes, top } = await this.withDoc(boardId, (doc) => ({ notes: listNotes(doc), top: listPriorities(doc).slice(0, TOP_PRIORITIES) }));
    const authorOfNote = new Map(notes.map((n) => [n.id, n.author]));
    const groupOf = (author: string | undefined): ParticipantGroup => (author && groupOfAuthor.get(author)) || 'unspecified';
    for (const n of notes) figures.notesWritten[groupOf(n.author)]++;
    let counted = 0;
    for (const noteId of top) {
      if (!authorOfNote.has(noteId)) continue;
      figures.topPriorities[groupOf(authorOfNote.get(noteId))]++;
      counted++;
    }
    return { ...figures, topPriorityCount: counted };
  }
}
