import { randomBytes } from 'node:crypto';
import { createClient, RESP_TYPES } from 'redis';
import type { Logger } from '../logger.js';
import type { Bus, ControlMessage } from './bus.js';
import { purgeSocketTraffic } from './socketTrafficPurge.js';

const newClient = (url: string) => createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) } });
export type RedisConnection = ReturnType<typeof newClient>;
type Client = RedisConnection;

/** Stream keys share the board's hash tag, so a board's keys sit on one Redis Cluster slot. */
const docStream = (boardId: string) => `codesign:doc:{${boardId}}`;
const awarenessChannel = (boardId: string) => `codesign:aw:{${boardId}}`;
const CONTROL = 'codesign:control';

/** How many updates a board's stream keeps; an instance further behind than this reloads from the database. */
const STREAM_MAX = 10_000;

interface Watch {
  lastId: string;
  onUpdate: (update: Uint8Array) => void;
  onAwareness: (update: Uint8Array) => void;
}

/**
 * What carries a board between app instances. Doc updates go on one Redis Stream per board,
 * after they are durable in the database: a reader catches up from its last id after a blip, so
 * there are no silent gaps. Awareness (who is where) and small control messages go over pub/sub,
 * where losing one is harmless. After any Redis reconnect the registry resyncs every open board
 * from the database (onReconnect).
 */
export class RedisBus implements Bus {
  readonly kind = 'redis' as const;
  readonly instanceId = randomBytes(8).toString('hex');
  private readonly watches = new Map<string, Watch>();
  private readonly controlHandlers: ((m: ControlMessage) => void)[] = [];
  private readonly reconnectHandlers: (() => void)[] = [];
  private stopped = false;
  /** Called with the delay (seconds) of each doc update received from another instance. */
  onLag: ((seconds: number) => void) | undefined;
  private reading: Promise<void> | undefined;
  private healthy = true;

  private constructor(
    private readonly cmd: Client,
    private readonly reader: Client,
    private readonly sub: Client,
    private readonly log: Logger,
  ) {}

  static async connect(url: string, log: Logger): Promise<RedisBus> {
    const cmd = newClient(url);
    const reader = newClient(url);
    const sub = newClient(url);
    const bus = new RedisBus(cmd, reader, sub, log);
    for (const c of [cmd, reader, sub]) {
      c.on('error', (err: Error) => bus.markUnhealthy(err));
      c.on('ready', () => bus.markHealthy());
    }
    await Promise.all([cmd.connect(), reader.connect(), sub.connect()]);
    await sub.subscribe(CONTROL, (message) => {
      try {
        const { origin, ...parsed } = JSON.parse(message) as ControlMessage & { origin: string };
        if (origin === bus.instanceId) return; // this instance has already acted on its own change
        for (const h of bus.controlHandlers) h(parsed as ControlMessage);
      } catch (error) {
        log.warn({ err: error }, 'bad control message');
      }
    });
    bus.reading = bus.readLoop();
    return bus;
  }

  /** The command connection, for the socket.io adapter (which needs its own duplicate). */
  get client(): Client {
    return this.cmd;
  }

  private markUnhealthy(err: Error) {
    if (this.healthy) this.log.warn({ err: err.message }, 'redis connection lost; live fan-out between instances paused');
    this.healthy = false;
  }

  private markHealthy() {
    if (this.healthy) return;
    this.healthy = true;
    this.log.info('redis connection back; resyncing open boards');
    for (const h of this.reconnectHandlers) h();
  }

  get isHealthy(): boolean {
    return this.healthy && this.cmd.isReady && this.reader.isReady && this.sub.isReady;
  }

  async ping(): Promise<void> {
    await this.cmd.ping();
  }

  onControl(handler: (m: ControlMessage) => void): void {
    this.controlHandlers.push(handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  async control(message: ControlMessage): Promise<void> {
    await this.cmd.publish(CONTROL, JSON.stringify({ ...message, origin: this.instanceId }));
  }

  /** The id to read a board's stream from: taken BEFORE the board is loaded from the database. */
  async position(boardId: string): Promise<string> {
    const last = await this.cmd.xRevRange(docStream(boardId), '+', '-', { COUNT: 1 });
    return last?.[0]?.id ?? '0-0';
  }

  /** Publishes an update that is already durable. Failure only delays other instances. */
  async publishUpdate(boardId: string, update: Uint8Array): Promise<void> {
    await this.cmd.xAdd(
      docStream(boardId),
      '*',
      { origin: this.instanceId, update: Buffer.from(update) },
      {
        TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: STREAM_MAX },
      },
    );
  }

  async forget(boardId: string, participantIds: readonly string[]): Promise<void> {
    this.watches.delete(boardId);
    await this.cmd.del(docStream(boardId));
    await purgeSocketTraffic(this.cmd, boardId, participantIds);
  }

  async publishAwareness(boardId: string, update: Uint8Array): Promise<void> {
    await this.cmd.publish(awarenessChannel(boardId), Buffer.concat([Buffer.from(this.instanceId), Buffer.from(update)]));
  }

  /** Follows a board's stream from `fromId` and its awareness channel. Returns the unwatch function. */
  async watch(
    boardId: string,
    fromId: string,
    onUpdate: Watch['onUpdate'],
    onAwareness: Watch['onAwareness'],
  ): Promise<() => Promise<void>> {
    this.watches.set(boardId, { lastId: fromId, onUpdate, onAwareness });
    const listener = (message: Buffer) => {
      if (message.subarray(0, 16).toString() === this.instanceId) return;
      this.watches.get(boardId)?.onAwareness(new Uint8Array(message.subarray(16)));
    };
    await this.sub.subscribe(awarenessChannel(boardId), listener, true);
    return async () => {
      this.watches.delete(boardId);
      await this.sub.unsubscribe(awarenessChannel(boardId), listener, true).catch(() => {});
    };
  }

  /** One loop reads every watched stream; a short block keeps newly watched boards prompt. */
  private async readLoop(): Promise<void> {
    const reader = this.reader.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    while (!this.stopped) {
      if (this.watches.size === 0 || !this.reader.isReady) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const streams = [...this.watches.entries()].map(([boardId, w]) => ({ key: docStream(boardId), id: w.lastId }));
      try {
        const replies = (await reader.xRead(streams, { BLOCK: 200, COUNT: 500 })) as
          | { name: Buffer | string; messages: { id: Buffer | string; message: Record<string, Buffer> }[] }[]
          | null;
        for (const stream of replies ?? []) {
          const key = stream.name.toString();
          const boardId = key.slice('codesign:doc:{'.length, -1);
          const w = this.watches.get(boardId);
          if (!w) continue;
          for (const { id, message } of stream.messages) {
            w.lastId = id.toString();
            if (message.origin?.toString() === this.instanceId) continue;
            // A stream id starts with the publishing Redis server's clock in milliseconds.
            this.onLag?.(Math.max(0, Date.now() - Number(w.lastId.split('-')[0])) / 1000);
            if (message.update) w.onUpdate(new Uint8Array(message.update));
          }
        }
      } catch (error) {
        if (this.stopped) return;
        this.markUnhealthy(error as Error);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.reading?.catch(() => {});
    await Promise.all([this.cmd, this.reader, this.sub].map((c) => (c.isOpen ? c.quit().catch(() => c.destroy()) : undefined)));
  }
}
