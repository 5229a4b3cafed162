import { Worker } from 'node:worker_threads';
import type { ExportLanguage } from '../../shared/exportLabels.js';
import type { PlanModel } from '../../shared/planModel.js';
import type { Logger } from '../logger.js';

/**
 * One worker thread that renders DOCX and PDF exports, started on first use. Jobs queue in it; if
 * it dies, pending jobs fail with an error (the request gets a 500) and the next job starts a new one.
 */
export class RenderPool {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

  constructor(private readonly log: Logger) {}

  private start(): Worker {
    // Built: dist/server/export/renderWorker.js. From source (development, tests, run with tsx),
    // the worker runs the .ts file; tsx's loader must be registered inside the worker's own thread
    // (a worker's --import flag does not do that), so a small bootstrap registers it first.
    const fromSource = import.meta.url.endsWith('.ts');
    const source = new URL('./renderWorker.ts', import.meta.url).href;
    const worker = fromSource
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`, { eval: true })
      : new Worker(new URL('./renderWorker.js', import.meta.url));
    worker.unref();
    worker.on('message', (msg: { id: number; file?: Uint8Array; error?: string }) => {
      const job = this.pending.get(msg.id);
      if (!job) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined || !msg.file) job.reject(new Error(msg.error ?? 'render failed'));
      else job.resolve(Buffer.from(msg.file.buffer, msg.file.byteOffset, msg.file.byteLength));
    });
    worker.on('error', (error) => this.log.error({ err: error }, 'export worker failed'));
    worker.on('exit', () => {
      this.worker = undefined;
      for (const [id, job] of this.pending) {
        this.pending.delete(id);
        job.reject(new Error('export worker stopped'));
      }
    });
    return worker;
  }

  render(format: 'docx' | 'pdf', plan: PlanModel, lang: ExportLanguage): Promise<Buffer> {
    this.worker ??= this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, format, plan, lang });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
