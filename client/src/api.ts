import type * as z from 'zod/mini';
import { ApiError, BoardSummary, CreateBoardResponse, JoinResponse, type CreateBoardRequest, type JoinRequest } from '../../shared/api.js';
import { Welcome, type Me } from '../../shared/session.js';
import type { Language } from '../../shared/i18nText.js';
import type { TemplateId } from '../../shared/templates.js';

/** A failed API call. status 0 means the server could not be reached at all. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From a 429's Retry-After: how long to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

async function request<S extends z.ZodMiniType>(
  schema: S,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      cache: 'no-store',
    });
  } catch {
    throw new ApiRequestError(0, 'network', 'The server could not be reached.');
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok) {
    const parsed = ApiError.safeParse(json);
    throw new ApiRequestError(
      res.status,
      parsed.success ? parsed.data.error.code : `http-${res.status}`,
      parsed.success ? parsed.data.error.message : res.statusText,
      Number.parseInt(res.headers.get('retry-after') ?? '', 10) || null,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiRequestError(res.status, 'bad-response', 'Unexpected answer from the server.');
  return parsed.data;
}

const enc = encodeURIComponent;

export function createBoard(body: { title: string; template: TemplateId; language: Language }) {
  return request(CreateBoardResponse, 'POST', '/api/boards', { body: body satisfies z.input<typeof CreateBoardRequest> });
}

export function getBoardSummary(boardId: string, key: string) {
  return request(BoardSummary, 'GET', `/api/boards/${enc(boardId)}`, { headers: { 'X-Board-Key': key } });
}

export function joinBoard(boardId: string, body: z.input<typeof JoinRequest>) {
  return request(JoinResponse, 'POST', `/api/boards/${enc(boardId)}/participants`, { body });
}

/**
 * Who I am, as the board page knows it: the server's answer (Me), or, while the server cannot be
 * reached, what this device stored when joining, which has no anonymous author key.
 */
export type KnownMe = Omit<Me, 'anonAuthorKey'> & Partial<Pick<Me, 'anonAuthorKey'>>;

export function getMe(boardId: string, token: string) {
  return request(Welcome, 'GET', `/api/boards/${enc(boardId)}/me`, { headers: { Authorization: `Bearer ${token}` } });
}

/** True when the answer means "this token or key is no good any more" (not a network blip). */
export function isRejection(err: unknown): boolean {
  return err instanceof ApiRequestError && (err.status === 401 || err.status === 403 || err.status === 404);
}
