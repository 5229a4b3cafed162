import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MSG } from './messages.js';

/**
 * Decodes one inbound y-websocket frame into what it asks for, apart from any document: the live
 * board decides what to do with it. Throws MalformedMessageError (or a lib0 decoding error) on junk.
 */
export type DocMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' };

export class MalformedMessageError extends Error {}

export function readDocMessage(data: Uint8Array): DocMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MSG.sync: {
      const sub = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (sub === syncProtocol.messageYjsSyncStep1) return { type: 'sync-step-1', stateVector: payload };
      // A sync step 2 (the client's catch-up) is applied exactly like an update.
      if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) return { type: 'update', update: payload };
      throw new MalformedMessageError(`unknown sync message ${sub}`);
    }
    case MSG.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MSG.queryAwareness:
      return { type: 'query-awareness' };
    case MSG.auth:
      return { type: 'auth' }; // authentication happened at the upgrade
    default:
      throw new MalformedMessageError(`unknown message type ${type}`);
  }
}
