import { listSections } from '../../shared/boardDoc.js';
import type { BreakRequest, FacilitationState, TimerState } from '../../shared/facilitation.js';
import { newPublicId } from '../auth/secrets.js';
import { refuse } from '../boards/boardService.js';
import type { BoardEventSink } from '../boards/events.js';
import { readDoc } from '../boards/readDoc.js';
import type { BoardStore, ParticipantRecord } from '../store/types.js';
import type { DocRegistry } from '../yjs/docRegistry.js';
import type { BoardSessions, Logged, Who } from './boardSessions.js';
import { timer, type StoredSessionState } from './sessionState.js';

// biome-ignore lint/suspicious/noConfusingVoidType: as Edit in boardSessions.ts
type SteeringEdit = (draft: StoredSessionState, actor: ParticipantRecord, now: number) => Promise<Logged | void> | Logged | void;

/**
 * Facilitation without extra power: the facilitator steers (step, timer, lock, anonymity, the
 * queue of raised hands and break requests); everyone may raise a hand or ask for a break.
 * Every change is a turn on the board's session (boardSessions.ts).
 */
export class Steering {
  constructor(
    private readonly deps: {
      sessions: BoardSessions;
      registry: Pick<DocRegistry, 'acquire' | 'release'>;
      events: BoardEventSink;
      store: Pick<BoardStore, 'getParticipant'>;
    },
  ) {}

  private steer(boardId: string, actorId: string, who: Who, edit: SteeringEdit): Promise<FacilitationState> {
    return this.deps.sessions.turn(boardId, actorId, who, async (turn) => {
      const { view } = await turn.change((draft, now) => edit(draft, turn.actor, now));
      return view;
    });
  }

  setStep(boardId: string, actorId: string, step: string | null) {
    return this.steer(boardId, actorId, 'facilitator', async (s) => {
      let title: { en: string; cy: string } | null = null;
      if (step !== null) {
        const section = await readDoc(this.deps.registry, boardId, (doc) => listSections(doc).find((x) => x.id === step));
        if (!section) throw refuse('not-found', 'There is no such step on this board.', 404);
        title = section.title;
      }
      if (s.step === step) return;
      s.step = step;
      return { action: 'step-changed', detail: { step, title: title?.en ?? null, titleCy: title?.cy ?? null } };
    });
  }

  setTimer(boardId: string, actorId: string, durationMs: number | null) {
    return this.steer(boardId, actorId, 'facilitator', (s): Logged | undefined => {
      if (durationMs === null) {
        if (s.timer === null) return;
        s.timer = null;
        return { action: 'timer-cleared', detail: {} };
      }
      // Setting a length again starts it over (paused), so it is logged even when the length is the same.
      const next = timer.set(durationMs);
      if (s.timer && sameTimer(s.timer, next)) return;
      s.timer = next;
      return { action: 'timer-set', detail: { durationMs } };
    });
  }

  runTimer(boardId: string, actorId: string, running: boolean) {
    return this.steer(boardId, actorId, 'facilitator', (s, _a, now) => {
      if (!s.timer) throw refuse('invalid-request', 'Set the timer first.', 400);
      const next = running ? timer.start(s.timer, now) : timer.pause(s.timer, now);
      if (sameTimer(s.timer, next)) return; // already running, or already paused
      s.timer = next;
      return { action: running ? 'timer-started' : 'timer-paused', detail: { remainingMs: timer.remaining(next, now) } };
    });
  }

  addTime(boardId: string, actorId: string, ms: number) {
    return this.steer(boardId, actorId, 'facilitator', (s, _a, now) => {
      if (!s.timer) throw refuse('invalid-request', 'Set the timer first.', 400);
      const next = timer.add(s.timer, ms, now);
      if (sameTimer(s.timer, next)) return;
      s.timer = next;
      return { action: 'timer-added', detail: { ms, durationMs: next.durationMs } };
    });
  }

  setLocked(boardId: string, actorId: string, locked: boolean) {
    return this.steer(boardId, actorId, 'facilitator', (s) => {
      if (s.locked === locked) return;
      s.locked = locked;
      return { action: locked ? 'locked' : 'unlocked', detail: {} };
    });
  }

  async setAnonymous(boardId: string, actorId: string, anonymous: boolean) {
    const view = await this.steer(boardId, actorId, 'facilitator', (s) => {
      if (s.anonymous === anonymous) return;
      s.anonymous = anonymous;
      return { action: 'anonymity-changed', detail: { anonymous } };
    });
    this.deps.events.emit('participantsChanged', boardId); // presence entries gain or lose author keys
    return view;
  }

  setHand(boardId: string, actorId: string, raised: boolean) {
    return this.steer(boardId, actorId, 'anyone', (s, actor, now) => {
      const has = s.hands.some((h) => h.participantId === actor.id);
      if (raised && !has) s.hands.push({ participantId: actor.id, raisedAt: now });
      if (!raised) s.hands = s.hands.filter((h) => h.participantId !== actor.id);
    });
  }

  clearHand(boardId: string, actorId: string, participantId: string) {
    return this.steer(boardId, actorId, 'facilitator', async (s) => {
      if (!s.hands.some((h) => h.participantId === participantId)) return;
      s.hands = s.hands.filter((h) => h.participantId !== participantId);
      // Named as stored now (a removed person's hand may still be in the queue).
      const person = await this.deps.store.getParticipant(boardId, participantId);
      return { action: 'hand-cleared', detail: { participantId, participantName: person?.name ?? null } };
    });
  }

  async requestBreak(boardId: string, actorId: string, anonymous: boolean): Promise<{ sent: true }> {
    await this.deps.sessions.turn(boardId, actorId, 'anyone', (turn) =>
      turn.change((s, now) => {
        const { actor } = turn;
        const request: BreakRequest = {
          id: newPublicId(),
          at: now,
          participantId: anonymous ? null : actor.id,
          name: anonymous ? null : actor.name,
        };
        // One open request per person (asking again replaces it), so nobody can flood the queue.
        // Who asked is kept server-side even when the request is shown without a name.
        const mine = new Set(
          Object.entries(s.breakOwners ?? {})
            .filter(([, who]) => who === actor.id)
            .map(([id]) => id),
        );
        s.breaks = [...s.breaks.filter((b) => !mine.has(b.id)), request];
        s.breakOwners = Object.fromEntries([
          ...Object.entries(s.breakOwners ?? {}).filter(([id]) => !mine.has(id)),
          [request.id, actor.id],
        ]);
      }, 'breaks'),
    );
    return { sent: true };
  }

  async clearBreak(boardId: string, actorId: string, id: string): Promise<{ breaks: BreakRequest[] }> {
    const { state } = await this.deps.sessions.turn(boardId, actorId, 'facilitator', (turn) =>
      turn.change((s) => {
        if (!s.breaks.some((b) => b.id === id)) return;
        s.breakOwners = Object.fromEntries(Object.entries(s.breakOwners ?? {}).filter(([bid]) => bid !== id));
        s.breaks = s.breaks.filter((b) => b.id !== id);
        // Everyone reads the log: it says a request was dealt with, never who asked.
        return { action: 'break-cleared', detail: {} };
      }, 'breaks'),
    );
    return { breaks: state.breaks };
  }
}

function sameTimer(a: TimerState, b: TimerState): boolean {
  return a.durationMs === b.durationMs && a.remainingMs === b.remainingMs && a.endsAt === b.endsAt;
}
