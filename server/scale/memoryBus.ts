import type { Bus, ControlMessage } from './bus.js';

/**
 * The bus of a single process (the default, `npm start`): there is no other instance, so nothing
 * is carried and nothing arrives. Doc updates are already durable and broadcast to this
 * process's connections by the live board itself.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  onLag: ((seconds: number) => void) | undefined;

  async position(): Promise<string> {
    return '0';
  }

  async publishUpdate(): Promise<void> {}

  async publishAwareness(): Promise<void> {}

  async watch(): Promise<() => Promise<void>> {
    return async () => {};
  }

  async control(_message: ControlMessage): Promise<void> {}

  onControl(): void {}

  onReconnect(): void {}

  async forget(): Promise<void> {}

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
