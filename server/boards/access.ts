import type { ParticipantRecord, Participants } from '../store/types.js';
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
  if (!p || p.removedAt !== null) throw new BoardError(401, 'unauthorized', 'Your place on this board has ended.');
  return p;
}

/** Someone a request acts on (a person to vote for, to give a role to): on the board and not removed. */
export function isOnBoard(p: ParticipantRecord | null | undefined): p is ParticipantRecord {
  return !!p && p.removedAt === null;
}
