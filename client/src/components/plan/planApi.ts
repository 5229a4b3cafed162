import { ApiError } from '../../../../shared/api.js';
import { PlanModel } from '../../../../shared/planModel.js';
import type { ExportFormat, ExportLanguage } from '../../../../shared/exportFormats.js';

/**
 * The plan over HTTP: the read-only plan (participant token or share-back view key) and the
 * facilitator's download. Both live in server/http/planRoutes.ts.
 */

export { EXPORT_FORMATS, EXPORT_LANGUAGES, type ExportFormat } from '../../../../shared/exportFormats.js';

/** How the plan view proves it may read the plan. */
export type PlanCredential = { kind: 'token'; token: string } | { kind: 'view'; viewKey: string };

/** A failed plan request. status 0: the server could not be reached; -1: the answer made no sense. */
export class PlanRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
    this.name = 'PlanRequestError';
  }
}

const enc = encodeURIComponent;

function headersFor(credential: PlanCredential): Record<string, string> {
  return credential.kind === 'token' ? { Authorization: `Bearer ${credential.token}` } : { 'X-View-Key': credential.viewKey };
}

async function failure(res: Response): Promise<PlanRequestError> {
  let code = `http-${res.status}`;
  try {
    const parsed = ApiError.safeParse(await res.json());
    if (parsed.success) code = parsed.data.error.code;
  } catch {
    // not JSON: keep the status code
  }
  return new PlanRequestError(res.status, code);
}

export async function fetchPlan(boardId: string, credential: PlanCredential, signal?: AbortSignal): Promise<PlanModel> {
  let res: Response;
  try {
    res = await fetch(`/api/boards/${enc(boardId)}/plan`, {
      headers: { Accept: 'application/json', ...headersFor(credential) },
      cache: 'no-store',
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new PlanRequestError(0, 'network');
  }
  if (!res.ok) throw await failure(res);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new PlanRequestError(-1, 'bad-response');
  }
  const parsed = PlanModel.safeParse(json);
  if (!parsed.success) throw new PlanRequestError(-1, 'bad-response');
  return parsed.data;
}

/**
 * The file name a Content-Disposition header gives, e.g. `attachment; filename="plan.pdf"` or
 * `attachment; filename*=UTF-8''cynllun%20y%20bwrdd.pdf`; `fallback` when there is none.
 * Path separators and control characters are taken out.
 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  let name: string | null = null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      name = decodeURIComponent(star[2].trim().replace(/^"(.*)"$/, '$1'));
    } catch {
      name = null;
    }
  }
  if (!name) {
    const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
    const plain = /filename\s*=\s*([^;"\s]+)/i.exec(header);
    name = quoted ? quoted[1].replace(/\\(.)/g, '$1') : plain ? plain[1] : null;
  }
  const safe = (name ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a file name must not carry control characters; this strips them.
    .replace(/[\\/\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim();
  return safe || fallback;
}

/** Fetches the export with the facilitator's token; returns the file and its name. */
export async function fetchExport(
  boardId: string,
  token: string,
  format: ExportFormat,
  lang: ExportLanguage,
): Promise<{ blob: Blob; fileName: string }> {
  let res: Response;
  try {
    res = await fetch(`/api/boards/${enc(boardId)}/export?format=${enc(format)}&lang=${enc(lang)}`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch {
    throw new PlanRequestError(0, 'network');
  }
  if (!res.ok) throw await failure(res);
  const blob = await res.blob().catch(() => {
    throw new PlanRequestError(0, 'network');
  });
  return { blob, fileName: fileNameFromDisposition(res.headers.get('Content-Disposition'), `plan.${format}`) };
}

/** Hands a file to the browser's downloads, as if a link to it had been followed. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the object URL after click() returns; let it live a little.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
