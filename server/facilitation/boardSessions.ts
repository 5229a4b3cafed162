import type { BreakRequest, FacilitationState } from '../../shared/facilitation.js';
import type { LogAction, LogEntry } from '../../shared/facilitatorLog.js';
import { currentFacilitator, currentParticipant } from '../boards/access.js';
import { logAction } from '../boards/actionLog.js';
import type { BoardEventSink } from '../boards/events.js';
import type { Logger } from '../logger.js';
import type { BoardStore, ParticipantRecord } from '../store/types.js';
import type { WritePolicy } from '../yjs/ports.js';
import { initialSessionState, parseSessionState, publicView, type StoredSessionState } from './sessionState.js';

/** What a change asks to have written to the visible log once it is stored and announced. */
export interface Logged {
  action: LogAction;
  detail: LogEntry['detail'];
}

/** Who may take a turn: anyone on the board, or only a facilitator. */
export type Who = 'anyone' | 'facilitator';

/** A board's session as one turn sees it: who is acting, the state, and the one way to change it. */
export interface SessionTurn {
  /** The actor as stored at the start of the turn. */
  readonly actor: ParticipantRecord;
  readonly state: Readonly<StoredSessionState>;
  /**
   * The one way session state changes. `edit` changes a copy (or throws to refuse, and nothing
   * changes); the copy is stored, then announced (`state`: the public view to everyone;
   * `breaks`: the break requests to the facilitators), then what `edit` returned is logged.
   */
  change(edit: Edit, announce?: 'state' | 'breaks'): Promise<{ state: StoredSessionState; view: FacilitationState }>;
  /** Keeps the write policy in step with a role change (or removal) the caller has just stored. */
  setFacilitator(participantId: string, facilitator: boolean): void;
}

// biome-ignore lint/suspicious/noConfusingVoidType: an edit may return nothing (no log entry); void lets plain statement bodies fit
export type Edit = (draft: StoredSessionState, now: number) => Promise<Logged | void> | Logged | void;

interface Cached {
  state: StoredSessionState;
  facilitators: Set<string>;
}

type SessionStore = Pick<BoardStore, 'getSessionState' | 'saveSessionState' | 'listParticipants' | 'getParticipant' | 'appendLog'>;

/**
 * Each board's session state (step, timer, lock, anonymity, hands, break requests) and who
 * facilitates it: loaded once, kept in memory, changed one turn at a time per board, stored
 * before it is announced. Also the write policy the doc layer asks "may this person edit now?".
 */
export class BoardSessions implements WritePolicy {
  private readonly cache = new Map<string, Promise<Cached>>();
  /** One turn at a time per board, so read-modify-write never interleaves. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** The same boards once loaded, for the synchronous write policy. */
  private readonly loaded = new Map<string, Cached>();

  constructor(private readonly deps: { store: SessionStore; events: BoardEventSink; log: Logger }) {}

  private async read(boardId: string): Promise<Cached> {
    const [raw, people] = await Promise.all([this.deps.store.getSessionState(boardId), this.deps.store.listParticipants(boardId)]);
    const cached: Cached = {
      state: raw === null ? initialSessionState() : parseSessionState(raw),
      facilitators: new Set(people.filter((p) => p.role === 'facilitator' && p.removedAt === null).map((p) => p.id)),
    };
    this.loaded.set(boardId, cached);
    return cached;
  }

  private load(boardId: string): Promise<Cached> {
    let entry = this.cache.get(boardId);
    if (!entry) {
      entry = this.read(boardId);
      this.cache.set(boardId, entry);
      entry.catch(() => this.cache.delete(boardId));
    }
    return entry;
  }

  private serial<T>(boardId: string, run: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(boardId) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(run);
    this.queues.set(boardId, next);
    return next;
  }

  /** Forgets a deleted board's state (kept in memory while it was in use). */
  forget(boardId: string): void {
    this.cache.delete(boardId);
    this.loaded.delete(boardId);
    this.queues.delete(boardId);
  }

  async prepare(boardId: string): Promise<void> {
    await this.load(boardId);
  }

  /**
   * Re-reads a board's state and facilitators (another instance changed them). Queued behind
   * this instance's own turns on the board, so an older read never overwrites a newer state.
   */
  reload(boardId: string): Promise<void> {
    if (!this.cache.has(boardId)) return Promise.resolve(); // never loaded here: nothing to refresh
    return this.serial(boardId, async () => {
      this.cache.set(boardId, Promise.resolve(await this.read(boardId)));
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

  /** The open break requests, for a facilitator; null for anyone else. */
  async breaksFor(boardId: string, actorId: string): Promise<BreakRequest[] | null> {
    const cached = await this.load(boardId);
    return cached.facilitators.has(actorId) ? cached.state.breaks : null;
  }

  /**
   * Runs `run` as the board's next turn: after every earlier turn on the board has finished, with
   * the actor checked as stored now. A turn that stored session state or roles tells the other
   * instances once, at its end.
   */
  turn<T>(boardId: string, actorId: string, who: Who, run: (turn: SessionTurn) => Promise<T>): Promise<T> {
    return this.serial(boardId, async () => {
      const { store, events } = this.deps;
      const actor =
        who === 'facilitator' ? await currentFacilitator(store, boardId, actorId) : await currentParticipant(store, boardId, actorId);
      const cached = await this.load(boardId);
      let stored = false;
      const turn: SessionTurn = {
        actor,
        get state() {
          return cached.state;
        },
        async change(edit, announce = 'state') {
          const draft: StoredSessionState = structuredClone(cached.state);
          const now = Date.now();
          const logged = await edit(draft, now);
          await store.saveSessionState(boardId, draft);
          cached.state = draft;
          stored = true;
          const view = publicView(draft, now);
          if (announce === 'state') events.emit('stateChanged', boardId, view);
          else events.emit('breaksChanged', boardId, draft.breaks);
          if (logged) await logAction({ store, events }, boardId, actor, logged.action, logged.detail);
          return { state: draft, view };
        },
        setFacilitator(participantId, facilitator) {
          if (facilitator) cached.facilitators.add(participantId);
          else cached.facilitators.delete(participantId);
          stored = true;
        },
      };
      try {
        return await run(turn);
      } finally {
        if (stored) events.emit('sessionChanged', boardId);
      }
    });
  }
}
