import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for /metrics. Observations are pushed by the parts; gauges are read on scrape. */
export class Metrics {
  readonly registry = new Registry();
  readonly docUpdates = new Counter({
    name: 'codesign_doc_updates_total',
    help: 'Document updates accepted from clients',
    registers: [this.registry],
  });
  readonly docUpdateBytes = new Counter({
    name: 'codesign_doc_update_bytes_total',
    help: 'Bytes of document updates accepted from clients',
    registers: [this.registry],
  });
  readonly docRejections = new Counter({
    name: 'codesign_doc_rejections_total',
    help: 'Document connections closed for breaking a limit or sending junk',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly storeAppendSeconds = new Histogram({
    name: 'codesign_store_append_seconds',
    help: 'Time to append a batch of updates to the durable log',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly streamLagSeconds = new Histogram({
    name: 'codesign_redis_stream_lag_seconds',
    help: 'Time from one instance publishing a doc update to another instance receiving it',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
    registers: [this.registry],
  });
  readonly storeAppendFailures = new Counter({
    name: 'codesign_store_append_failures_total',
    help: 'Failed appends to the durable log (retried)',
    registers: [this.registry],
  });

  readonly sessionSlowConsumers = new Counter({
    name: 'codesign_session_slow_consumer_disconnects_total',
    help: 'Session (socket.io) connections closed because more than SOCKET_BUFFER_MAX_BYTES was queued for them',
    labelNames: ['transport'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'codesign_rate_limited_total',
    help: 'Requests, connections, events and document messages refused by a rate limit, by limit',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  constructor(sources: { docConnections(): number; sessionConnections(): number; openDocs(): number }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'codesign_' });
    new Gauge({
      name: 'codesign_doc_connections',
      help: 'Open y-websocket connections',
      registers: [this.registry],
      collect() {
        this.set(sources.docConnections());
      },
    });
    new Gauge({
      name: 'codesign_session_connections',
      help: 'Open socket.io connections',
      registers: [this.registry],
      collect() {
        this.set(sources.sessionConnections());
      },
    });
    new Gauge({
      name: 'codesign_open_docs',
      help: 'Boards loaded in memory',
      registers: [this.registry],
      collect() {
        this.set(sources.openDocs());
      },
    });
  }
}
