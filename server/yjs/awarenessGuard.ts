import * as decoding from 'lib0/decoding';

/** Awareness is relayed to everyone on the board, so what one connection may put there is bounded. */
export const AWARENESS_LIMITS = {
  /** Bytes of one client's state (a name, a colour, a cursor: well under a kilobyte in practice). */
  stateBytes: 4 * 1024,
  /** Client ids one connection may speak for (a tab has one; a fresh id after an anonymity switch adds one). */
  clientsPerConnection: 8,
} as const;

/**
 * Why an awareness update from one connection is refused, or null. `owned` are the client ids the
 * connection already speaks for; `ownedByOther` says whether another connection (or instance)
 * speaks for an id, which nobody else may overwrite ("Rhian is writing…" must be Rhian).
 * Reads the update's own encoding: entries of (client id, clock, JSON state).
 */
export function awarenessProblem(update: Uint8Array, owned: ReadonlySet<number>, ownedByOther: (clientId: number) => boolean): string | null {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  const clients = new Set(owned);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    decoding.readVarUint(d); // clock
    const state = decoding.readVarString(d);
    if (state.length > AWARENESS_LIMITS.stateBytes) return 'awareness state too large';
    if (!owned.has(clientId) && ownedByOther(clientId)) return "another person's awareness state";
    clients.add(clientId);
    if (clients.size > AWARENESS_LIMITS.clientsPerConnection) return 'too many awareness clients';
  }
  return null;
}
