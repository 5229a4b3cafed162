import type { Socket } from 'socket.io';

/** What engine.io's packets and transports look like from here (their types keep these private). */
interface Packet {
  data?: unknown;
  /** A broadcast's WebSocket frame, encoded once for every recipient (socket.io-adapter). */
  options?: { wsPreEncodedFrame?: readonly { byteLength: number }[] };
}
interface Backlog {
  readonly writableLength: number;
  destroy(): void;
}
interface Transport {
  readonly name: string;
  /** websocket: the ws connection. */
  socket?: { readonly bufferedAmount: number; terminate(): void };
  /** polling: the pending poll request, while there is one. */
  req?: { socket?: Backlog } | null;
}

export interface Overflow {
  transport: string;
  queuedBytes: number;
}

/** Bytes on the wire, as the WebSocket's bufferedAmount counts them (UTF-8, not string length). */
function sizeOf(packet: Packet): number {
  const frame = packet.options?.wsPreEncodedFrame;
  if (frame) return frame.reduce((n, part) => n + part.byteLength, 0);
  const data = packet.data;
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * Slow-consumer protection for one session connection. socket.io never refuses to queue: a
 * client that stops reading (or stops polling) makes the server keep every message for it until
 * the heartbeat ends it, and a client that keeps answering the heartbeat is never ended.
 *
 * What is queued for a connection is, in engine.io 6: its write buffer — packets created while the
 * transport is not writable (a websocket whose last send has not reached the kernel, or a
 * long-polling client with no poll request open), counted here from `packetCreate` and cleared on
 * `flush`, which hands the whole buffer to the transport — plus what the transport itself holds:
 * the WebSocket's `bufferedAmount`, or the unsent part of the last poll response. When the sum
 * passes `maxBytes` the connection is closed at once (not after the buffer drains, which it never
 * would) and its buffers released; the client reconnects and gets a fresh state.
 */
export function guardOutbound(socket: Socket, maxBytes: number, onOverflow: (overflow: Overflow) => void): void {
  const conn = socket.conn;
  const transport = () => conn.transport as unknown as Transport;
  let pending = 0;
  let lastPoll: Backlog | undefined;
  let tripped = false;

  const backlog = () => {
    const t = transport();
    if (t.name === 'websocket') return t.socket?.bufferedAmount ?? 0;
    return lastPoll && !(lastPoll as { destroyed?: boolean }).destroyed ? lastPoll.writableLength : 0;
  };

  const onPacket = (packet: Packet) => {
    if (tripped) return;
    pending += sizeOf(packet);
    // Cheap enough per packet: a sum and one getter; the bound is only ever checked as it grows.
    const queuedBytes = pending + backlog();
    if (queuedBytes <= maxBytes) return;
    tripped = true;
    const t = transport();
    onOverflow({ transport: t.name, queuedBytes });
    // Not from inside engine.io's send (this runs in the middle of a broadcast).
    process.nextTick(() => {
      const ws = t.name === 'websocket' ? t.socket : undefined;
      const poll = lastPoll;
      // A server-side disconnect: the session is not kept for recovery (replaying what it could not
      // take would only overflow it again); the client reconnects and starts afresh.
      socket.disconnect(true);
      // socket.io's close waits for the write buffer to drain, which it never will: discard it.
      conn.close(true);
      ws?.terminate();
      if (poll && poll.writableLength > 0) poll.destroy();
    });
  };
  const onFlush = () => {
    pending = 0;
    const t = transport();
    if (t.name === 'polling' && t.req?.socket) lastPoll = t.req.socket;
  };
  conn.on('packetCreate', onPacket);
  conn.on('flush', onFlush);
  conn.once('close', () => {
    conn.off('packetCreate', onPacket);
    conn.off('flush', onFlush);
    lastPoll = undefined;
  });
}
