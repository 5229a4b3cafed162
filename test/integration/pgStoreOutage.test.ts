import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { PgStore } from '../../server/store/pgStore.js';
import { startPrivatePostgres } from '../support/privateServices.js';
import { postgresAvailable } from '../support/services.js';

const postgresUp = await postgresAvailable();

/**
 * PostgreSQL stopping in the middle of transactions makes them fail, and nothing else: before,
 * a client checked out of the pool had no 'error' listener, so the dropped connection threw an
 * uncaught exception and ended the whole server. (Vitest fails the run on an uncaught exception.)
 */
it.runIf(postgresUp)('a PostgreSQL store survives the database stopping mid-transaction, and works once it is back', async () => {
  const pg = await startPrivatePostgres();
  const store = await PgStore.open(pg.url, { schema: 'outage' });
  try {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    const update = Y.encodeStateAsUpdate(doc);
    await store.createBoard(
      {
        id: 'b',
        title: 'Outage',
        template: 'blank',
        language: 'en',
        joinKeyHash: 'a',
        facilitatorKeyHash: 'b',
        viewKeyHash: null,
        createdAt: 1,
      },
      update,
    );
    const failures: unknown[] = [];
    let running = true;
    // Transactions (appends) and read-only transactions (loads) in flight all the time.
    const traffic = (async () => {
      while (running) {
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? store.appendUpdates('b', [update]) : store.loadDoc('b')).catch((e) => failures.push(e)),
          ),
        );
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    pg.stop();
    await new Promise((r) => setTimeout(r, 300));
    running = false;
    await traffic;
    expect(failures.length).toBeGreaterThan(0);

    await pg.start();
    const before = (await store.loadDoc('b'))!.updates.length;
    await store.appendUpdates('b', [update]);
    expect((await store.loadDoc('b'))!.updates.length).toBe(before + 1);
  } finally {
    await store.close();
    pg.stop();
  }
});
