import type { ParticipantGroup } from '../../shared/participants.js';
import { DOC_CLOSE } from '../../shared/session.js';
import { hashSecret, newPublicId, newSecret } from '../auth/secrets.js';
import { personOnBoard } from '../boards/access.js';
import { logAction } from '../boards/actionLog.js';
import { refuse } from '../boards/boardService.js';
import type { BoardEventSink } from '../boards/events.js';
import type { BoardStore, ParticipantRecord } from '../store/types.js';
import type { BoardSessions } from './boardSessions.js';

type MembershipStore = Pick<
  BoardStore,
  'getParticipant' | 'addParticipant' | 'setRole' | 'setCanAssist' | 'removeParticipant' | 'setJoinKeyHash' | 'setViewKeyHash' | 'appendLog'
>;

/**
 * Who is on a board and what they may do, changed by a facilitator: co-facilitator roles,
 * removal, people in the room without a device (and who may vote for them), and the links
 * that let people in. Each is a turn on the board's session, so it never interleaves with
 * another change to the same board, and each is written to the visible log.
 */
export class Membership {
  constructor(
    private readonly deps: {
      store: MembershipStore;
      sessions: BoardSessions;
      events: BoardEventSink;
      /** Closes a removed person's doc connections, on every instance. */
      closeDocConnections: (boardId: string, participantId: string, code: number, reason: string) => Promise<void>;
    },
  ) {}

  setRole(boardId: string, actorId: string, participantId: string, facilitator: boolean) {
    const { store, events } = this.deps;
    return this.deps.sessions.turn(boardId, actorId, 'facilitator', async (turn) => {
      const target = await personOnBoard(store, boardId, participantId);
      if (target.inRoom) throw refuse('invalid-request', 'Someone without a device cannot hold the facilitator role.', 400);
      if (!facilitator && target.role === 'facilitator' && !target.coFacilitator) {
        throw refuse('last-facilitator', 'The facilitator who started the board keeps their role.', 403);
      }
      if ((target.role === 'facilitator') !== facilitator) {
        await store.setRole(boardId, target.id, facilitator ? 'facilitator' : 'participant', facilitator);
        turn.setFacilitator(target.id, facilitator);
        events.emit('roleChanged', boardId, target.id, facilitator);
        events.emit('participantsChanged', boardId, target.id);
        await logAction(this.deps, boardId, turn.actor, 'role-changed', {
          participantId: target.id,
          participantName: target.name,
          facilitator,
        });
      }
      return { participantId: target.id, facilitator };
    });
  }

  remove(boardId: string, actorId: string, participantId: string) {
    const { store, events } = this.deps;
    return this.deps.sessions.turn(boardId, actorId, 'facilitator', async (turn) => {
      const target = await personOnBoard(store, boardId, participantId);
      if (target.id === turn.actor.id) throw refuse('invalid-request', 'You cannot remove yourself.', 400);
      if (target.role === 'facilitator' && !target.coFacilitator) {
        throw refuse('last-facilitator', 'The facilitator who started the board cannot be removed.', 403);
      }
      await store.removeParticipant(boardId, target.id, Date.now());
      turn.setFacilitator(target.id, false);
      if (turn.state.hands.some((h) => h.participantId === target.id)) {
        await turn.change((s) => {
          s.hands = s.hands.filter((h) => h.participantId !== target.id);
        });
      }
      events.emit('removed', boardId, target.id);
      await this.deps.closeDocConnections(boardId, target.id, DOC_CLOSE.removed.code, DOC_CLOSE.removed.reason);
      events.emit('participantsChanged', boardId, target.id);
      await logAction(this.deps, boardId, turn.actor, 'participant-removed', { participantId: target.id, participantName: target.name });
      return { participantId: target.id };
    });
  }

  /** Adds someone in the room without a device, so the group's figures and votes include them. */
  addInRoom(boardId: string, actorId: string, req: { name: string; group: ParticipantGroup }) {
    return this.deps.sessions.turn(boardId, actorId, 'facilitator', async (turn) => {
      const participant: ParticipantRecord = {
        id: newPublicId(),
        boardId,
        tokenHash: hashSecret(newSecret()), // a token nobody is ever given
        name: req.name,
        group: req.group,
        role: 'participant',
        authorKey: newPublicId(),
        anonAuthorKey: newPublicId(),
        createdAt: Date.now(),
        inRoom: true,
        canAssist: false,
        coFacilitator: false,
        removedAt: null,
      };
      await this.deps.store.addParticipant(participant);
      await logAction(this.deps, boardId, turn.actor, 'in-room-participant-added', {
        participantId: participant.id,
        participantName: participant.name,
        group: participant.group,
      });
      this.deps.events.emit('participantsChanged', boardId, participant.id);
      return { participantId: participant.id, name: participant.name, group: participant.group };
    });
  }

  /** Lets someone cast ballots for the people in the room (or stops them). */
  allowAssist(boardId: string, actorId: string, req: { participantId: string; allowed: boolean }) {
    return this.deps.sessions.turn(boardId, actorId, 'facilitator', async (turn) => {
      const target = await personOnBoard(this.deps.store, boardId, req.participantId);
      await this.deps.store.setCanAssist(boardId, target.id, req.allowed);
      await logAction(this.deps, boardId, turn.actor, 'assist-permission-changed', {
        participantId: target.id,
        participantName: target.name,
        allowed: req.allowed,
      });
      this.deps.events.emit('participantsChanged', boardId, target.id);
      return { participantId: target.id, allowed: req.allowed };
    });
  }

  /** A new join link; the old one stops working at once. */
  rotateJoinLink(boardId: string, actorId: string): Promise<{ joinKey: string }> {
    return this.deps.sessions.turn(boardId, actorId, 'facilitator', async (turn) => {
      const joinKey = newSecret();
      await this.deps.store.setJoinKeyHash(boardId, hashSecret(joinKey));
      await logAction(this.deps, boardId, turn.actor, 'link-rotated', {});
      return { joinKey };
    });
  }

  /** A read-only link to the agreed plan, to share back with people who were not there. */
  createShareLink(boardId: string, actorId: string): Promise<{ viewKey: string }> {
    return this.deps.sessions.turn(boardId, actorId, 'facilitator', async (turn) => {
      const viewKey = newSecret();
      await this.deps.store.setViewKeyHash(boardId, hashSecret(viewKey));
      await logAction(this.deps, boardId, turn.actor, 'share-link-created', {});
      return { viewKey };
    });
  }
}
