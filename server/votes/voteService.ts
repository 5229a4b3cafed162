import { listSections, notesInSection, readNoteById } from '../../shared/boardDoc.js';
import { ENTITY_ID } from '../../shared/ids.js';
import type { ParticipantGroup } from '../../shared/participants.js';
import {
  dotsIn,
  dotsOn,
  type Ballot,
  type ClosedRound,
  type MyVoteState,
  type OpenRoundRequest,
  type VoteRound,
} from '../../shared/votes.js';
import { newPublicId } from '../auth/secrets.js';
import { currentFacilitator, currentParticipant, personOnBoard } from '../boards/access.js';
import { logAction } from '../boards/actionLog.js';
import { refuse, type BoardError } from '../boards/boardService.js';
import type { BoardEventSink } from '../boards/events.js';
import { readDoc } from '../boards/readDoc.js';
import type { Logger } from '../logger.js';
import { RoundConflictError, type BoardStore, type ParticipantRecord } from '../store/types.js';
import type { DocRegistry } from '../yjs/docRegistry.js';
import type { BallotBox } from './ballotBox.js';
import { tallyRound } from './tally.js';

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
  constructor(private readonly deps: { store: BoardStore; box: BallotBox; registry: DocRegistry; log: Logger; events: BoardEventSink }) {}

  async open(boardId: string, actorId: string, req: OpenRoundRequest): Promise<VoteRound> {
    const actor = await currentFacilitator(this.deps.store, boardId, actorId);
    const sectionIds = await readDoc(this.deps.registry, boardId, (doc) => new Set(listSections(doc).map((s) => s.id)));
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
      if (error instanceof RoundConflictError)
        throw refuse('round-already-open', 'A vote is already open. Close it before starting another.');
      throw error;
    }
    await this.deps.box.openRound(round);
    await logAction(this.deps, boardId, actor, 'vote-opened', { roundId: round.roundId, title: round.title, budget: round.budget });
    this.deps.events.emit('roundChanged', boardId, round, 0);
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
    const actor = await currentParticipant(this.deps.store, boardId, actorId);
    if (onBehalfOf === undefined || onBehalfOf === actor.id) return { actor, voter: actor, assisted: false };
    if (actor.role !== 'facilitator' && !actor.canAssist) {
      throw refuse('forbidden', 'Only the facilitator, or someone they allow, can vote for a person in the room.', 403);
    }
    const voter = await personOnBoard(this.deps.store, boardId, onBehalfOf);
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
      const note = await readDoc(this.deps.registry, boardId, (doc) => readNoteById(doc, req.noteId));
      if (!note) throw refuse('note-deleted', 'This note has been deleted, so it cannot get dots.');
      if (!round.sectionIds.includes(note.sectionId)) throw refuse('note-out-of-scope', 'This note is not part of this vote.');
    }
    const result = await this.deps.box.setDots(round, voter.id, req.noteId, req.dots, assisted);
    if (!result.ok) throw REFUSALS[result.reason]();
    // Who and which round, never which notes or how many dots: ballots stay out of logs.
    this.deps.log.debug({ boardId, roundId: round.roundId, participantId: voter.id, assisted }, 'ballot changed');
    if (assisted) await this.logAssistOnce(boardId, actor, voter, round);
    this.deps.events.emit('roundChanged', boardId, round, await this.deps.box.voterCount(round.roundId));
    return { ballot: result.ballot, remaining: round.budget - dotsIn(result.ballot) };
  }

  /** Helper → person → round combinations already in the log (checked in the store only the first time). */
  private readonly assistLogged = new Set<string>();

  private async logAssistOnce(boardId: string, actor: ParticipantRecord, voter: ParticipantRecord, round: VoteRound) {
    const key = `${boardId}|${round.roundId}|${actor.id}|${voter.id}`;
    if (this.assistLogged.has(key)) return;
    const entries = await this.deps.store.listLog(boardId);
    const logged = entries.some(
      (e) =>
        e.action === 'assisted-ballot' &&
        e.detail.roundId === round.roundId &&
        e.detail.participantId === voter.id &&
        e.actorId === actor.id,
    );
    if (!logged) {
      await logAction(this.deps, boardId, actor, 'assisted-ballot', {
        roundId: round.roundId,
        participantId: voter.id,
        participantName: voter.name,
      });
    }
    this.assistLogged.add(key);
  }

  async close(boardId: string, actorId: string, roundId: string): Promise<ClosedRound> {
    const actor = await currentFacilitator(this.deps.store, boardId, actorId);
    const round = await this.deps.store.getRound(boardId, roundId);
    if (!round) throw refuse('not-found', 'There is no such vote on this board.', 404);
    if (round.status === 'closed') throw REFUSALS['round-closed']();
    const ballots = await this.deps.box.closeRound(roundId);
    const noteIds = await readDoc(this.deps.registry, boardId, (doc) =>
      round.sectionIds.flatMap((sectionId) => notesInSection(doc, sectionId).map((n) => n.id)),
    );
    const groups = new Map<string, ParticipantGroup>((await this.deps.store.listParticipants(boardId)).map((p) => [p.id, p.group]));
    const results = tallyRound({ roundId, noteIds, ballots, groupOf: (id) => groups.get(id) ?? 'unspecified' });
    const closedAt = Date.now();
    if (!(await this.deps.store.closeRound(boardId, roundId, closedAt, results))) throw REFUSALS['round-closed']();
    const closed: ClosedRound = { round: { ...round, status: 'closed', closedAt }, results };
    await logAction(this.deps, boardId, actor, 'vote-closed', { roundId, title: round.title, voters: results.voters });
    this.deps.events.emit('roundClosed', boardId, closed);
    this.deps.events.emit('roundChanged', boardId, null, 0);
    return closed;
  }

  /**
   * A facilitator uses a closed round's results as the shared priorities. The list itself is a
   * doc edit the client makes; this puts it in the log, for everyone to see that it was done.
   */
  async useResults(boardId: string, actorId: string, roundId: string): Promise<{ roundId: string }> {
    const actor = await currentFacilitator(this.deps.store, boardId, actorId);
    const round = await this.deps.store.getRound(boardId, roundId);
    if (!round) throw refuse('not-found', 'There is no such vote on this board.', 404);
    if (round.status !== 'closed') throw refuse('invalid-request', 'This vote is still open. Close it before using its results.', 400);
    await logAction(this.deps, boardId, actor, 'results-used', { roundId, title: round.title });
    return { roundId };
  }

  async stateFor(
    boardId: string,
    actorId: string,
    forParticipant?: string,
  ): Promise<{ current: MyVoteState | null; closed: ClosedRound[] }> {
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
}
