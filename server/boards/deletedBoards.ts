/**
 * The boards this instance has seen deleted lately. Once a board is deleted its rows are gone, so
 * every later request finds nothing and gets a 404; this mark covers the requests that were
 * already past that check (an opener that had loaded the doc, a socket whose handshake had
 * passed) and the disconnects the delete itself causes, which must not write presence again.
 * Board ids are never reused, so the mark need only outlast those, not the board.
 */
export class DeletedBoards {
  private readonly marks = new Map<string, NodeJS.Timeout>();

  constructor(private readonly keepMs = 10 * 60_000) {}

  mark(boardId: string): void {
    clearTimeout(this.marks.get(boardId));
    const timer = setTimeout(() => this.marks.delete(boardId), this.keepMs);
    timer.unref();
    this.marks.set(boardId, timer);
  }

  has(boardId: string): boolean {
    return this.marks.has(boardId);
  }
}
