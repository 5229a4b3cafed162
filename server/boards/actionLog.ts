import type { LogAction, LogEntry } from '../../shared/facilitatorLog.js';
import { newPublicId } from '../auth/secrets.js';
import type { BoardStore, ParticipantRecord } from '../store/types.js';
import type { BoardEventSink } from './events.js';

/**
 * Writes an entry to the board's visible facilitator log, then tells the board. `detail` holds
 * plain facts (names, titles, counts), never ballot contents.
 */
export async function logAction(
  deps: { store: Pick<BoardStore, 'appendLog'>; events: BoardEventSink },
  boardId: string,
  actor: Pick<ParticipantRecord, 'id' | 'name'>,
  action: LogAction,
  detail: LogEntry['detail'],
): Promise<void> {
  const entry: LogEntry = { id: newPublicId(), at: Date.now(), actorId: actor.id, actorName: actor.name, action, detail };
  await deps.store.appendLog(boardId, entry);
  deps.events.emit('logged', boardId, entry);
}
