import type { BoardStore, ParticipantRecord, Participants } from '../store/types.js';
import { BoardError } from './boardService.js';

/**
 * The one actor check every session request goes through: the participant as stored now (roles
 * and permissions change while people are connected), refused once they have been removed.
 */
export async function currentParticipant(
  store: Pick<Participants, 'getParticipant'>,
  boardId: string,
  participantId: string,
): Promise<ParticipantRecord> {
  const p = await store.getParticipant(boardId, participantId);
  if (!isOnBoard(p)) throw new BoardError(401, 'unauthorized', 'Your place on this board has ended.');
  return p;
}

/** The current participant, refused unless they hold the facilitator role now. */
export async function currentFacilitator(
  store: Pick<BoardStore, 'getParticipant'>,
  boardId: string,
  participantId: string,
): Promise<ParticipantRecord> {
  return requireFacilitator(await currentParticipant(store, boardId, participantId));
}

/** Refuses anyone but a facilitator; `message` says, in plain words, what only they may do. */
export function requireFacilitator(actor: ParticipantRecord, message = 'Only the facilitator can do that.'): ParticipantRecord {
  if (actor.role !== 'facilitator') throw new BoardError(403, 'forbidden', message);
  return actor;
}

/** Someone a request acts on (a person to vote for, to give a role to): on the board and not removed. */
export function isOnBoard(p: ParticipantRecord | null | undefined): p is ParticipantRecord {
  return !!p && p.removedAt === null;
}

/** The person a request acts on, or a 404 when they are not (or no longer) on the board. */
export async function personOnBoard(
  store: Pick<BoardStore, 'getParticipant'>,
  boardId: string,
  participantId: string,
): Promise<ParticipantRecord> {
  const p = await store.getParticipant(boardId, participantId);
  if (!isOnBoard(p)) throw new BoardError(404, 'not-found', 'That person is not on this board.');
  return p;
}
