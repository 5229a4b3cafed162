import { listSections, notesInSection, readNoteById } from '../../shared/boardDoc.js';
import { ENTITY_ID } from '../../shared/ids.js';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ParticipantGroup } from '../../shared/participants.js';
import type { ErrorCode } from '../../shared/session.js';
import { dotsIn, dotsOn, type Ballot, type ClosedRound, type MyVoteState, type OpenRoundRequest, type VoteRound } from '../../shared/votes.js';
import { hashSecret, newPublicId, newSecret } from '../auth/secrets.js';
import { currentParticipant, isOnBoard } from '../boards/access.js';
import { BoardError } from '../boards/boardService.js';
import type { Logger } from '../logger.js';
import { RoundConflictError, type FacilitatorLog, type ParticipantRecord, type Participants, type Rounds } from '../store/types.js';
import type { DocRegistry } from '../yjs/docRegistry.js';
import type { BallotBox } from './ballotBox.js';
import { tallyRound } from './tally.js';

/** What the vote service tells the board; the session layer turns these into socket.io events. */
export interface VoteEvents {
  roundChanged(boardId: string, round: VoteRound | null, voters: number): void;
  roundClosed(boardId: string, closed: ClosedRound): void;
  logged(boardId: string, entry: LogEntry): void;
  participantsChanged(boardId: string): void;
}

const refuse = (code: ErrorCode, message: string, status: 400 | 403 | 404 | 409 = 409) => new BoardError(status, code, message);

const REFUSALS: Record<string, () => BoardError> = {
  'round-closed': () => refuse('round-closed', 'This vote has closed. Your dots were not changed.'),
  'budget-spent': () => refuse('budget-spent', 'You have used all your dots. Take a dot off another note first.'),
  'note-cap': () => refuse('note-cap', 'You have put as many dots on this note as one person may.'),
};

/**
 * Equal-weight voting, decided on the server. Every person has the same budget, the facilitator
 * included; ballots are checked and changed atomically in the ballot box; nobody sees a tally
 * before the round closes. Whether a note is in scope is read from the live board doc.
 */
export class VoteService {
  constructor(
    private readonly deps: { store: Participants & Rounds & FacilitatorLog; box: BallotBox; registry: DocRegistry; log: Logger; events: VoteEvents },
  ) {}

  /** The participant as stored now (roles and permissions can change after they connected). */
  private fresh(boardId: string, participantId: string): Promise<ParticipantRecord> {
    return currentParticipant(this.deps.store, boardId, participantId);
  }

  private async requireFacilitator(boardId: string, actorId: string): Promise<ParticipantRecord> {
    const actor = await this.fresh(boardId, actorId);
    if (actor.role !== 'facilitator') throw refuse('forbidden', 'Only the facilitator can do that.', 403);
    return actor;
  }

  private async withDoc<T>(boardId: string, read: (doc: import('yjs').Doc) => T): Promise<T> {
    const live = await this.deps.registry.acquire(boardId);
    try {
      return read(live.doc);
    } finally {
      this.deps.registry.release(live);
    }
  }

  private async log(boardId: string, actor: ParticipantRecord, action: LogEntry['action'], detail: LogEntry['detail']) {
    const entry: LogEntry = { id: newPublicId(), at: Date.now(), actorId: actor.id, actorName: actor.name, action, detail };
    await this.deps.store.appendLog(boardId, entry);
    this.deps.events.logged(boardId, entry);
  }

  async open(boardId: string, actorId: string, req: OpenRoundRequest): Promise<VoteRound> {
    const actor = await this.requireFacilitator(boardId, actorId);
    const sectionIds = await this.withDoc(boardId, (doc) => new Set(listSections(doc).map((s) => s.id)));
    const unknown = req.sectionIds.filter((id) => !sectionIds.has(id));
    if (unknown.length > 0) throw refuse('invalid-request', 'Choose sections that are on this board.', 400);
    const round: VoteRound = {
      roundId: newPublicId(),
      title: req.title,
      sectionIds: [...new Set(req.sectionIds)],
      budget: req.budget,
      perNoteCap: req.perNoteCap,
      status: 'open',
      openedAt: Date.now(),
      closedAt: null,
    };
    try {
      await this.deps.store.insertRound(boardId, round);
    } catch (error) {
      if (error instanceof RoundConflictError) throw refuse('round-already-open', 'A vote is already open. Close it before starting another.');
      throw error;
    }
    await this.deps.box.openRound(round);
    await this.log(boardId, actor, 'vote-opened', { roundId: round.roundId, title: round.title, budget: round.budget });
    this.deps.events.roundChanged(boardId, round, 0);
    return round;
  }

  private async openRound(boardId: string, roundId: string): Promise<VoteRound> {
    const round = await this.deps.store.getRound(boardId, roundId);
    if (!round) throw refuse('not-found', 'There is no such vote on this board.', 404);
    if (round.status !== 'open') throw REFUSALS['round-closed']();
    return round;
  }

  /** Whose ballot a request changes: the caller's own, or an in-room participant's when assisting. */
  private async voterFor(boardId: string, actorId: string, onBehalfOf: string | undefined) {
    const actor = await this.fresh(boardId, actorId);
    if (onBehalfOf === undefined || onBehalfOf === actor.id) return { actor, voter: actor, assisted: false };
    if (actor.role !== 'facilitator' && !actor.canAssist) {
      throw refuse('forbidden', 'Only the facilitator, or someone they allow, can vote for a person in the room.', 403);
    }
    const voter = await this.deps.store.getParticipant(boardId, onBehalfOf);
    if (!isOnBoard(voter)) throw refuse('not-found', 'That person is not on this board.', 404);
    if (!voter.inRoom) throw refuse('not-in-room', 'You can only vote for people added as being in the room without a device.', 403);
    return { actor, voter, assisted: true };
  }

  async setDots(
    boardId: string,
    actorId: string,
    req: { roundId: string; noteId: string; dots: number; onBehalfOf?: string },
  ): Promise<{ ballot: Ballot; remaining: number }> {
    const { actor, voter, assisted } = await this.voterFor(boardId, actorId, req.onBehalfOf);
    const round = await this.openRound(boardId, req.roundId);
    // The contract already checks the id's form; checked again here because ballots are keyed by it.
    if (!ENTITY_ID.test(req.noteId)) throw refuse('invalid-request', 'That is not a note on this board.', 400);
    const current = dotsOn(await this.deps.box.ballotOf(round.roundId, voter.id), req.noteId);
    if (req.dots > current) {
      // Adding dots needs a live note in scope; taking them off is always allowed.
      const note = await this.withDoc(boardId, (doc) => readNoteById(doc, req.noteId));
      if (!note) throw refuse('note-deleted', 'This note has been deleted, so it cannot get dots.');
      if (!round.sectionIds.includes(note.sectionId)) throw refuse('note-out-of-scope', 'This note is not part of this vote.');
    }
    const result = await this.deps.box.setDots(round, voter.id, req.noteId, req.dots, assisted);
    if (!result.ok) throw REFUSALS[result.reason]();
    // Who and which round, never which notes or how many dots: ballots stay out of logs.
    this.deps.log.debug({ boardId, roundId: round.roundId, participantId: voter.id, assisted }, 'ballot changed');
    if (assisted) await this.logAssistOnce(boardId, actor, voter, round);
    this.deps.events.roundChanged(boardId, round, await this.deps.box.voterCount(round.roundId));
    return { ballot: result.ballot, remaining: round.budget - dotsIn(result.ballot) };
  }

  /** Helper → person → round combinations already in the log (checked in the store only the first time). */
  private readonly assistLogged = new Set<string>();

  private async logAssistOnce(boardId: string, actor: ParticipantRecord, voter: ParticipantRecord, round: VoteRound) {
    const key = `${boardId}|${round.roundId}|${actor.id}|${voter.id}`;
    if (this.assistLogged.has(key)) return;
    const entries = await this.deps.store.listLog(boardId);
    const logged = entries.some(
      (e) => e.action === 'assisted-ballot' && e.detail.roundId === round.roundId && e.detail.participantId === voter.id && e.actorId === actor.id,
    );
    if (!logged) {
      await this.log(boardId, actor, 'assisted-ballot', { roundId: round.roundId, participantId: voter.id, participantName: voter.name });
    }
    this.assistLogged.add(key);
  }

  async close(boardId: string, actorId: string, roundId: string): Promise<ClosedRound> {
    const actor = await this.requireFacilitator(boardId, actorId);
    const round = await this.deps.store.getRound(boardId, roundId);
    if (!round) throw refuse('not-found', 'There is no such vote on this board.', 404);
    if (round.status === 'closed') throw REFUSALS['round-closed']();
    const ballots = await this.deps.box.closeRound(roundId);
    const noteIds = await this.withDoc(boardId, (doc) =>
      round.sectionIds.flatMap((sectionId) => notesInSection(doc, sectionId).map((n) => n.id)),
    );
    const groups = new Map<string, ParticipantGroup>((await this.deps.store.listParticipants(boardId)).map((p) => [p.id, p.group]));
    const results = tallyRound({ roundId, noteIds, ballots, groupOf: (id) => groups.get(id) ?? 'unspecified' });
    const closedAt = Date.now();
    if (!(await this.deps.store.closeRound(boardId, roundId, closedAt, results))) throw REFUSALS['round-closed']();
    const closed: ClosedRound = { round: { ...round, status: 'closed', closedAt }, results };
    await this.log(boardId, actor, 'vote-closed', { roundId, title: round.title, voters: results.voters });
    this.deps.events.roundClosed(boardId, closed);
    this.deps.events.roundChanged(boardId, null, 0);
    return closed;
  }

  async stateFor(boardId: string, actorId: string, forParticipant?: string): Promise<{ current: MyVoteState | null; closed: ClosedRound[] }> {
    const { voter } = await this.voterFor(boardId, actorId, forParticipant);
    const open = await this.deps.store.getOpenRound(boardId);
    let current: MyVoteState | null = null;
    if (open) {
      const ballot = await this.deps.box.ballotOf(open.roundId, voter.id);
      current = { round: open, ballot, remaining: open.budget - dotsIn(ballot), voters: await this.deps.box.voterCount(open.roundId) };
    }
    return { current, closed: await this.deps.store.listClosedRounds(boardId) };
  }

  async voters(boardId: string): Promise<{ round: VoteRound | null; voters: number }> {
    const open = await this.deps.store.getOpenRound(boardId);
    return { round: open, voters: open ? await this.deps.box.voterCount(open.roundId) : 0 };
  }

  async addInRoom(boardId: string, actorId: string, req: { name: string; group: ParticipantGroup }) {
    const actor = await this.requireFacilitator(boardId, actorId);
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
    await this.log(boardId, actor, 'in-room-participant-added', { participantId: participant.id, participantName: participant.name, group: participant.group });
    this.deps.events.participantsChanged(boardId);
    return { participantId: participant.id, name: participant.name, group: participant.group };
  }

  async allowAssist(boardId: string, actorId: string, req: { participantId: string; allowed: boolean }) {
    const actor = await this.requireFacilitator(boardId, actorId);
    const target = await this.deps.store.getParticipant(boardId, req.participantId);
    if (!isOnBoard(target)) throw refuse('not-found', 'That person is not on this board.', 404);
    await this.deps.store.setCanAssist(boardId, target.id, req.allowed);
    await this.log(boardId, actor, 'assist-permission-changed', { participantId: target.id, participantName: target.name, allowed: req.allowed });
    this.deps.events.participantsChanged(boardId);
    return { participantId: target.id, allowed: req.allowed };
  }
}
