import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Awareness is relayed to everyone on the board, so what one connection may put there is bounded. */
export const AWARENESS_LIMITS = {
  /** Bytes of one client's state (a name, a colour, a cursor: well under a kilobyte in practice). */
  stateBytes: 4 * 1024,
  /** Client ids one connection may speak for (a tab has one; a fresh id after an anonymity switch adds one). */
  clientsPerConnection: 8,
} as const;

export type AwarenessCheck = { update: Uint8Array | null } | { problem: string };

/**
 * What of an awareness update one connection may pass on. `owned` are the client ids it already
 * speaks for; `ownedByOther` says whether another connection (or instance) speaks for an id.
 * Clients echo everyone's states back (y-websocket relays every awareness change it sees, and
 * drops states that went quiet), so entries for other people's ids are left out, not refused:
 * nobody can overwrite or remove another person's state ("Rhian is writing…" must be Rhian).
 * Refused: a state over the size limit, or more client ids than one connection needs.
 * Reads the update's own encoding: a count, then (client id, clock, JSON state) per entry.
 */
export function checkAwareness(
  update: Uint8Array,
  owned: ReadonlySet<number>,
  ownedByOther: (clientId: number) => boolean,
): AwarenessCheck {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  const kept: [number, number, string][] = [];
  const mine = new Set(owned);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = decoding.readVarString(d);
    if (!owned.has(clientId) && ownedByOther(clientId)) continue;
    if (state.length > AWARENESS_LIMITS.stateBytes) return { problem: 'awareness state too large' };
    mine.add(clientId);
    if (mine.size > AWARENESS_LIMITS.clientsPerConnection) return { problem: 'too many awareness clients' };
    kept.push([clientId, clock, state]);
  }
  if (kept.length === count) return { update };
  if (kept.length === 0) return { update: null };
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, kept.length);
  for (const [clientId, clock, state] of kept) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  }
  return { update: encoding.toUint8Array(e) };
}
