import * as Y from 'yjs';
import type { BoardSummary, CreateBoardRequest, JoinRequest, JoinResponse } from '../../shared/api.js';
import type { ErrorCode, Me } from '../../shared/session.js';
import { initBoardDoc } from '../../shared/boardDoc.js';
import { TEMPLATES } from '../../shared/templates.js';
import { hashSecret, newPublicId, newSecret, secretMatches } from '../auth/secrets.js';
import type { BoardRecord, Boards, ParticipantRecord, Participants } from '../store/types.js';

/** A failure a person or client can act on; the HTTP and socket layers turn it into a 4xx. */
export class BoardError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A refusal with one of the contract's error codes (409 unless said otherwise). */
export const refuse = (code: ErrorCode, message: string, status: 400 | 403 | 404 | 409 = 409) => new BoardError(status, code, message);

const BOARD_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function summarise(board: BoardRecord): BoardSummary {
  return {
    boardId: board.id,
    title: board.title,
    template: board.template,
    language: board.language,
    createdAt: board.createdAt,
  };
}

/** What a participant may know about themselves (never the token hash). */
export function describeParticipant(p: ParticipantRecord): Me {
  return { participantId: p.id, name: p.name, group: p.group, role: p.role, authorKey: p.authorKey, anonAuthorKey: p.anonAuthorKey };
}

/** Boards, keys and participants: everything about who may do what, decided on the server. */
export class BoardService {
  constructor(
    private readonly store: Boards & Participants,
    /** Told of each join: a join counts as using the board (retention). */
    private readonly onJoin: (boardId: string) => void = () => {},
  ) {}

  async createBoard(req: CreateBoardRequest): Promise<{ board: BoardRecord; joinKey: string; facilitatorKey: string }> {
    const joinKey = newSecret();
    const facilitatorKey = newSecret();
    const board: BoardRecord = {
      id: newPublicId(),
      title: req.title,
      template: req.template,
      language: req.language,
      joinKeyHash: hashSecret(joinKey),
      facilitatorKeyHash: hashSecret(facilitatorKey),
      createdAt: Date.now(),
    };
    const doc = new Y.Doc();
    initBoardDoc(doc, TEMPLATES[req.template]);
    await this.store.createBoard(board, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    return { board, joinKey, facilitatorKey };
  }

  async requireBoard(boardId: string): Promise<BoardRecord> {
    const board = BOARD_ID.test(boardId) ? await this.store.getBoard(boardId) : null;
    if (!board) throw new BoardError(404, 'not-found', 'There is no board at this address. Check the link you were given.');
    return board;
  }

  /** Which role a join or facilitator key grants on a board, or a 403. */
  roleForKey(board: BoardRecord, key: string): 'participant' | 'facilitator' {
    if (secretMatches(key, board.facilitatorKeyHash)) return 'facilitator';
    if (secretMatches(key, board.joinKeyHash)) return 'participant';
    throw new BoardError(403, 'forbidden', 'This link is not valid for this board. Ask the facilitator for a new link.');
  }

  async join(boardId: string, req: JoinRequest): Promise<JoinResponse> {
    const board = await this.requireBoard(boardId);
    const role = this.roleForKey(board, req.key);
    const token = newSecret();
    const participant: ParticipantRecord = {
      id: newPublicId(),
      boardId: board.id,
      tokenHash: hashSecret(token),
      name: req.name,
      group: req.group,
      role,
      authorKey: newPublicId(),
      anonAuthorKey: newPublicId(),
      createdAt: Date.now(),
      inRoom: false,
      canAssist: false,
      coFacilitator: false,
      removedAt: null,
    };
    await this.store.addParticipant(participant);
    this.onJoin(board.id);
    return { participantId: participant.id, token, role, authorKey: participant.authorKey, anonAuthorKey: participant.anonAuthorKey };
  }

  /** The participant a token belongs to on this board; 404 for an unknown board, 401 for a bad token. */
  async authenticate(boardId: string, token: string | undefined | null): Promise<{ board: BoardRecord; participant: ParticipantRecord }> {
    const board = await this.requireBoard(boardId);
    if (!token) throw new BoardError(401, 'unauthorized', 'You need to join this board first.');
    const participant = await this.store.findParticipantByTokenHash(board.id, hashSecret(token));
    // The lookup is by hash; the constant-time check guards the comparison itself.
    if (!participant || !secretMatches(token, participant.tokenHash)) {
      throw new BoardError(401, 'unauthorized', 'Your place on this board has expired. Please join again with the link.');
    }
    if (participant.removedAt !== null) {
      throw new BoardError(403, 'forbidden', 'The facilitator has removed you from this board.');
    }
    return { board, participant };
  }
}
