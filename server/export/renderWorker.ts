import { PassThrough } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import type { ExportLanguage } from '../../shared/exportLabels.js';
import type { PlanModel } from '../../shared/planModel.js';
import { renderDocx } from './docx.js';
import { renderPdf } from './pdf.js';

/**
 * Runs in a worker thread: builds DOCX and PDF files, whose packing is CPU-heavy and partly
 * synchronous, away from the thread that relays every board's live edits.
 */
export interface RenderJob {
  id: number;
  format: 'docx' | 'pdf';
  plan: PlanModel;
  lang: ExportLanguage;
}

async function render(job: RenderJob): Promise<Buffer> {
  if (job.format === 'docx') return renderDocx(job.plan, job.lang);
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  await renderPdf(job.plan, job.lang, out);
  return Buffer.concat(chunks);
}

parentPort?.on('message', (job: RenderJob) => {
  render(job).then(
    (file) => parentPort!.postMessage({ id: job.id, file }, [file.buffer as ArrayBuffer]),
    (error: Error) => parentPort!.postMessage({ id: job.id, error: error.message }),
  );
});
