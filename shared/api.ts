import * as z from 'zod/mini';
import { LANGUAGES } from './i18nText.js';
import { LIMITS } from './limits.js';
import { PARTICIPANT_GROUPS, ROLES } from './participants.js';
import { TEMPLATE_IDS } from './templates.js';
import { singleLine } from './textFields.js';

/** HTTP API contract: request bodies the server validates and the responses it returns. */

export const CreateBoardRequest = z.object({
  title: singleLine(LIMITS.titleMax),
  template: z.enum(TEMPLATE_IDS),
  language: z._default(z.enum(LANGUAGES), 'en'),
});
export type CreateBoardRequest = z.infer<typeof CreateBoardRequest>;

export const CreateBoardResponse = z.object({
  boardId: z.string(),
  joinKey: z.string(),
  facilitatorKey: z.string(),
  joinUrl: z.string(),
  facilitatorUrl: z.string(),
});
export type CreateBoardResponse = z.infer<typeof CreateBoardResponse>;

export const JoinRequest = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(200)),
  name: singleLine(LIMITS.nameMax),
  group: z.enum(PARTICIPANT_GROUPS),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

export const JoinResponse = z.object({
  participantId: z.string(),
  token: z.string(),
  role: z.enum(ROLES),
  /** Opaque key this person's notes carry as `author`, so they can recognise their own notes. */
  authorKey: z.string(),
  /** The key for notes written while the board is anonymous; only this person ever learns it. */
  anonAuthorKey: z.string(),
});
export type JoinResponse = z.infer<typeof JoinResponse>;

export const BoardSummary = z.object({
  boardId: z.string(),
  title: z.string(),
  template: z.enum(TEMPLATE_IDS),
  language: z.enum(LANGUAGES),
  createdAt: z.number(),
});
export type BoardSummary = z.infer<typeof BoardSummary>;

/**
 * How long the board is kept (in GET /api/boards/:id/me): boards not used for `days` days are
 * deleted. `deletesAt` is that date counted from the board's last use (ms since the epoch), so it
 * moves on each time the board is used; both null when boards are kept for ever.
 */
export const BoardRetention = z.object({
  days: z.nullable(z.int().check(z.positive())),
  deletesAt: z.nullable(z.number()),
});
export type BoardRetention = z.infer<typeof BoardRetention>;

/** Error body of every 4xx/5xx: a stable code for programs, a plain English message for people. */
export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiError>;
