/**
 * Per-note view state of one board view that is not shared with anyone (which notes have their
 * options open), with a subscription per note, so opening one note's options re-renders that
 * note only.
 */
export class NoteUiState {
  private readonly open = new Set<string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private version = 0;

  isOptionsOpen = (id: string): boolean => this.open.has(id);

  setOptionsOpen = (id: string, open: boolean): void => {
    if (this.open.has(id) === open) return;
    if (open) this.open.add(id);
    else this.open.delete(id);
    this.version++;
    for (const topic of [id, '*']) for (const l of [...(this.listeners.get(topic) ?? [])]) l();
  };

  /** Changes whenever any note's options open or close. */
  getVersion = (): number => this.version;

  /** `id` for one note, '*' for any. */
  subscribe(topic: string, listener: () => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }
}
