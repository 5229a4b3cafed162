import type Database from 'better-sqlite3';
import { ballotFrom, type Ballot, type VoteRound } from '../../shared/votes.js';
import type { BallotBox, SetDotsResult, StoredBallot } from './ballotBox.js';

/**
 * Single-process ballots, in the embedded database (so an open round survives a restart). Each
 * change is one SQLite transaction; better-sqlite3 is synchronous, so nothing interleaves.
 * Round status comes from vote_rounds, the same row the store closes.
 */
export class SqliteBallotBox implements BallotBox {
  readonly kind = 'sqlite' as const;
  private readonly stmts;
  private readonly setDotsTx;
  private readonly closeTx;

  constructor(db: Database.Database) {
    this.stmts = {
      status: db.prepare(`SELECT status FROM vote_rounds WHERE id = ?`),
      ballot: db.prepare(`SELECT note_id, dots FROM ballots WHERE round_id = ? AND participant_id = ?`),
      upsert: db.prepare(
        `INSERT INTO ballots (round_id, participant_id, note_id, dots, assisted) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (round_id, participant_id, note_id) DO UPDATE SET dots = excluded.dots, assisted = MAX(assisted, excluded.assisted)`,
      ),
      remove: db.prepare(`DELETE FROM ballots WHERE round_id = ? AND participant_id = ? AND note_id = ?`),
      voters: db.prepare(`SELECT COUNT(DISTINCT participant_id) AS n FROM ballots WHERE round_id = ?`),
      all: db.prepare(`SELECT participant_id, note_id, dots, assisted FROM ballots WHERE round_id = ?`),
      markClosing: db.prepare(`UPDATE vote_rounds SET status = 'closing' WHERE id = ? AND status = 'open'`),
    };
    this.setDotsTx = db.transaction(
      (round: VoteRound, participantId: string, noteId: string, dots: number, assisted: boolean): SetDotsResult => {
        const status = (this.stmts.status.get(round.roundId) as { status: string } | undefined)?.status;
        if (status !== 'open') return { ok: false, reason: 'round-closed' };
        // A Map, not an object: note ids come from clients (`constructor` is not a prototype member here).
        const ballot = this.readBallot(round.roundId, participantId);
        const current = ballot.get(noteId) ?? 0;
        if (round.perNoteCap !== null && dots > round.perNoteCap && dots > current) return { ok: false, reason: 'note-cap' };
        let total = dots - current;
        for (const n of ballot.values()) total += n;
        if (total > round.budget && dots > current) return { ok: false, reason: 'budget-spent' };
        if (dots === 0) this.stmts.remove.run(round.roundId, participantId, noteId);
        else this.stmts.upsert.run(round.roundId, participantId, noteId, dots, assisted ? 1 : 0);
        if (dots === 0) ballot.delete(noteId);
        else ballot.set(noteId, dots);
        return { ok: true, ballot: ballotFrom(ballot) };
      },
    );
    this.closeTx = db.transaction((roundId: string) => {
      this.stmts.markClosing.run(roundId);
      const byVoter = new Map<string, { dots: [string, number][]; assisted: boolean }>();
      for (const row of this.stmts.all.all(roundId) as { participant_id: string; note_id: string; dots: number; assisted: number }[]) {
        const entry = byVoter.get(row.participant_id) ?? { dots: [], assisted: false };
        byVoter.set(row.participant_id, entry);
        entry.dots.push([row.note_id, row.dots]);
        entry.assisted ||= row.assisted === 1;
      }
      const out = new Map<string, StoredBallot>();
      for (const [participantId, { dots, assisted }] of byVoter) out.set(participantId, { ballot: ballotFrom(dots), assisted });
      return out;
    });
  }

  private readBallot(roundId: string, participantId: string): Map<string, number> {
    const rows = this.stmts.ballot.all(roundId, participantId) as { note_id: string; dots: number }[];
    return new Map(rows.map((row) => [row.note_id, row.dots]));
  }

  async openRound(): Promise<void> {
    // The round row written by the store is the status; nothing else to prepare.
  }

  async setDots(round: VoteRound, participantId: string, noteId: string, dots: number, assisted: boolean): Promise<SetDotsResult> {
    return this.setDotsTx(round, participantId, noteId, dots, assisted);
  }

  async ballotOf(roundId: string, participantId: string): Promise<Ballot> {
    return ballotFrom(this.readBallot(roundId, participantId));
  }

  async voterCount(roundId: string): Promise<number> {
    return (this.stmts.voters.get(roundId) as { n: number }).n;
  }

  async closeRound(roundId: string): Promise<Map<string, StoredBallot>> {
    return this.closeTx(roundId);
  }

  async forgetRounds(): Promise<void> {
    // The ballots table is in the store's database: the board's delete took them in its transaction.
  }

  async close(): Promise<void> {}
}
