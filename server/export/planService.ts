import { buildPlan, type PlanModel } from '../../shared/planModel.js';
import type { FacilitationService } from '../facilitation/facilitationService.js';
import type { Boards, FacilitatorLog, Participants, Rounds } from '../store/types.js';
import type { DocRegistry } from '../yjs/docRegistry.js';

/** Gathers a board's doc and stored records into the agreed plan (shared/planModel.ts). */
export class PlanService {
  constructor(private readonly deps: { store: Boards & Participants & Rounds & FacilitatorLog; registry: DocRegistry; facilitation: FacilitationService }) {}

  async plan(boardId: string): Promise<PlanModel> {
    const { store, registry, facilitation } = this.deps;
    const board = await store.getBoard(boardId);
    if (!board) throw new Error(`no board ${boardId}`);
    const [rounds, people, log, anonymous, balance] = await Promise.all([
      store.listClosedRounds(boardId),
      store.listParticipants(boardId),
      store.listLog(boardId),
      facilitation.isAnonymous(boardId),
      facilitation.balance(boardId),
    ]);
    const live = await registry.acquire(boardId);
    try {
      return buildPlan({
        doc: live.doc,
        board: { id: board.id, title: board.title, template: board.template, language: board.language, createdAt: board.createdAt },
        anonymous,
        rounds,
        participants: people.filter((p) => p.removedAt === null),
        balance,
        log,
        exportedAt: Date.now(),
      });
    } finally {
      registry.release(live);
    }
  }
}
