import type { BreakRequest, FacilitationState } from '../../shared/facilitation.js';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ClosedRound, VoteRound } from '../../shared/votes.js';

/** Why a board was deleted: its facilitator deleted it, or retention did (not used for RETENTION_DAYS). */
export type BoardDeletionReason = 'deleted' | 'retention';

/**
 * What the board's services tell the rest of the server, after the change is stored. The
 * session server turns these into socket.io events; the board server forwards `sessionChanged`
 * to the other instances. Nothing here carries a ballot's contents or a secret.
 */
export interface BoardEventMap {
  /** The public session state (step, timer, lock, anonymity, hands) after a change: for everyone on the board. */
  stateChanged(boardId: string, state: FacilitationState): void;
  /** The open break requests after a change: for the board's facilitators only. */
  breaksChanged(boardId: string, breaks: BreakRequest[]): void;
  /** A new entry in the visible facilitator log. */
  logged(boardId: string, entry: LogEntry): void;
  /** Who is on the board, or what the presence list shows about them, changed. */
  /** Presence entries changed: one person's (participantId), or everyone's. */
  participantsChanged(boardId: string, participantId?: string): void;
  roleChanged(boardId: string, participantId: string, facilitator: boolean): void;
  /** Someone was removed: end their session (their doc connections are closed by the remover). */
  removed(boardId: string, participantId: string): void;
  /** The open round (null: none) or how many have voted changed. */
  roundChanged(boardId: string, round: VoteRound | null, voters: number): void;
  roundClosed(boardId: string, closed: ClosedRound): void;
  /**
   * The board was deleted (here, or on another instance): tell this instance's connections and
   * close them. Emitted on every instance, each for its own connections.
   */
  boardDeleted(boardId: string, why: BoardDeletionReason): void;
  /** This instance stored session state or roles: other instances must reload them (scaled deployment). */
  sessionChanged(boardId: string): void;
}

export type BoardEventName = keyof BoardEventMap;
type Listener<E extends BoardEventName> = (...args: Parameters<BoardEventMap[E]>) => void;

/**
 * A typed emitter for board events: `emit` takes exactly the arguments the event's listeners
 * take. Listeners run synchronously, in the order they subscribed; one that throws stops the
 * emit and the error reaches the service that emitted (as a direct call would).
 */
export class BoardEvents {
  private readonly listeners = new Map<BoardEventName, Listener<never>[]>();

  /** Subscribes; returns the unsubscribe. */
  on<E extends BoardEventName>(event: E, listener: BoardEventMap[E]): () => void {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(event, [...list, listener as Listener<never>]);
    return () =>
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== listener),
      );
  }

  emit<E extends BoardEventName>(event: E, ...args: Parameters<BoardEventMap[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as unknown as Listener<E>)(...args);
  }
}

/** What a service is given: it tells, it does not listen. */
export type BoardEventSink = Pick<BoardEvents, 'emit'>;
/** What a subscriber is given: it listens, it does not tell. */
export type BoardEventSource = Pick<BoardEvents, 'on'>;
