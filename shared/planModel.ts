import * as z from 'zod/mini';
import type * as Y from 'yjs';
import { listActions, ACTION_STATUSES } from './actionPlan.js';
import { listGroups, listNotes, listSections, prioritiesOf, type NoteView } from './boardDoc.js';
import { BalanceOfVoice } from './facilitation.js';
import { LOG_ACTIONS, type LogEntry } from './facilitatorLog.js';
import { LANGUAGES } from './i18nText.js';
import { PARTICIPANT_GROUPS, ROLES, type ParticipantGroup, type Role } from './participants.js';
import { planBilingual, planText } from './planText.js';
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from './templates.js';
import { GroupCounts, emptyGroupCounts, type ClosedRound } from './votes.js';

/**
 * The agreed plan: everything an export or the share-back view shows, built from the board's
 * doc and its stored session records. Versioned: PLAN_VERSION changes when the shape does, and
 * docs/plan.schema.json (generated from PlanModel) documents it for other tools.
 */
export const PLAN_VERSION = 1;

const Bilingual = z.object({ en: z.string(), cy: z.string() });

export const PlanNote = z.object({
  id: z.string(),
  text: z.string(),
  colour: z.string(),
  sectionId: z.string(),
  groupTitle: z.nullable(z.string()),
  /** The author's name; null when the board is anonymous (or the author is unknown). */
  author: z.nullable(z.string()),
  /** Dots in every closed round together. */
  votes: z.int(),
  /** Place in the shared priority list (1 = first), or null. */
  priorityRank: z.nullable(z.int()),
  /** Ids of actions that came from this note. */
  actionIds: z.array(z.string()),
});
export type PlanNote = z.infer<typeof PlanNote>;

export const PlanModel = z.object({
  version: z.literal(PLAN_VERSION),
  board: z.object({
    id: z.string(),
    title: z.string(),
    template: z.enum(TEMPLATE_IDS),
    templateName: Bilingual,
    language: z.enum(LANGUAGES),
    createdAt: z.number(),
    exportedAt: z.number(),
  }),
  anonymous: z.boolean(),
  priorities: z.array(z.object({ rank: z.int(), noteId: z.string(), text: z.string(), section: Bilingual })),
  actions: z.array(
    z.object({
      id: z.string(),
      what: z.string(),
      who: z.string(),
      due: z.string(),
      status: z.enum(ACTION_STATUSES),
      notes: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  ),
  rounds: z.array(
    z.object({
      roundId: z.string(),
      title: z.string(),
      budget: z.int(),
      perNoteCap: z.nullable(z.int()),
      openedAt: z.number(),
      closedAt: z.nullable(z.number()),
      voters: z.int(),
      votersByGroup: GroupCounts,
      dotsCast: z.int(),
      assistedBallots: z.int(),
      tallies: z.array(
        z.object({
          rank: z.int(),
          tied: z.boolean(),
          noteId: z.string(),
          text: z.string(),
          total: z.int(),
          byGroup: GroupCounts,
        }),
      ),
    }),
  ),
  sections: z.array(
    z.object({
      id: z.string(),
      title: Bilingual,
      prompt: Bilingual,
      groups: z.array(z.object({ id: z.string(), title: z.string(), notes: z.array(PlanNote) })),
      ungrouped: z.array(PlanNote),
    }),
  ),
  participants: z.object({
    total: z.int(),
    byGroup: GroupCounts,
    /** Null when the board is anonymous. */
    people: z.nullable(
      z.array(z.object({ name: z.string(), group: z.enum(PARTICIPANT_GROUPS), role: z.enum(ROLES), inRoom: z.boolean() })),
    ),
  }),
  balance: z.nullable(BalanceOfVoice),
  log: z.object({
    counts: z.record(z.enum(LOG_ACTIONS), z.int()),
    entries: z.array(
      z.object({ at: z.number(), actorName: z.string(), action: z.enum(LOG_ACTIONS), detail: z.record(z.string(), z.unknown()) }),
    ),
  }),
});
export type PlanModel = z.infer<typeof PlanModel>;

export interface PlanInputs {
  doc: Y.Doc;
  board: { id: string; title: string; template: TemplateId; language: 'en' | 'cy'; createdAt: number };
  anonymous: boolean;
  rounds: ClosedRound[];
  participants: { name: string; group: ParticipantGroup; role: Role; inRoom: boolean; authorKey: string }[];
  balance: BalanceOfVoice | null;
  log: LogEntry[];
  exportedAt: number;
}

/**
 * Builds the plan. Pure: the same inputs give the same plan. Every text people wrote (in the doc
 * or in the session records) goes through planText here, once, so every export format and the
 * share-back view get the same clean text. Ids are left as they are: they are not shown, and
 * other tools match them against the doc.
 */
export function buildPlan(input: PlanInputs): PlanModel {
  const { doc } = input;
  const sections = listSections(doc).map((s) => ({ ...s, title: planBilingual(s.title), prompt: planBilingual(s.prompt) }));
  const notes = listNotes(doc).map((n) => ({ ...n, text: planText(n.text) }));
  const groups = listGroups(doc).map((g) => ({ ...g, title: planText(g.title) }));
  const noteById = new Map(notes.map((n) => [n.id, n]));
  const sectionTitle = new Map(sections.map((s) => [s.id, s.title]));
  const groupTitle = new Map(groups.map((g) => [g.id, g.title]));
  const nameByAuthor = new Map(input.participants.map((p) => [p.authorKey, planText(p.name)]));
  const actions = listActions(doc);

  const votes = new Map<string, number>();
  for (const { results } of input.rounds) for (const t of results.tallies) votes.set(t.noteId, (votes.get(t.noteId) ?? 0) + t.total);

  const priorityIds: string[] = [];
  for (const id of prioritiesOf(doc).toArray()) if (noteById.has(id) && !priorityIds.includes(id)) priorityIds.push(id);
  const rankOf = new Map(priorityIds.map((id, i) => [id, i + 1]));

  const actionsOfNote = new Map<string, string[]>();
  for (const a of actions) for (const id of a.noteIds) actionsOfNote.set(id, [...(actionsOfNote.get(id) ?? []), a.id]);

  const planNote = (n: NoteView) => ({
    id: n.id,
    text: n.text,
    colour: n.colour,
    sectionId: n.sectionId,
    groupTitle: n.groupId ? (groupTitle.get(n.groupId) ?? null) : null,
    author: input.anonymous ? null : (nameByAuthor.get(n.author) ?? null),
    votes: votes.get(n.id) ?? 0,
    priorityRank: rankOf.get(n.id) ?? null,
    actionIds: actionsOfNote.get(n.id) ?? [],
  });

  const byGroup = emptyGroupCounts();
  for (const p of input.participants) byGroup[p.group]++;
  const counts = Object.fromEntries(LOG_ACTIONS.map((a) => [a, 0])) as Record<(typeof LOG_ACTIONS)[number], number>;
  for (const e of input.log) counts[e.action]++;

  return {
    version: PLAN_VERSION,
    board: {
      ...input.board,
      title: planText(input.board.title),
      templateName: TEMPLATES[input.board.template].name,
      exportedAt: input.exportedAt,
    },
    anonymous: input.anonymous,
    priorities: priorityIds.map((id, i) => ({
      rank: i + 1,
      noteId: id,
      text: noteById.get(id)!.text,
      section: sectionTitle.get(noteById.get(id)!.sectionId) ?? { en: '', cy: '' },
    })),
    actions: actions.map((a) => ({
      id: a.id,
      what: planText(a.what),
      who: planText(a.who),
      due: planText(a.due),
      status: a.status,
      notes: a.noteIds.filter((id) => noteById.has(id)).map((id) => ({ id, text: noteById.get(id)!.text })),
    })),
    rounds: input.rounds.map(({ round, results }) => ({
      roundId: round.roundId,
      title: planText(round.title),
      budget: round.budget,
      perNoteCap: round.perNoteCap,
      openedAt: round.openedAt,
      closedAt: round.closedAt,
      voters: results.voters,
      votersByGroup: results.votersByGroup,
      dotsCast: results.dotsCast,
      assistedBallots: results.assistedBallots,
      tallies: results.tallies.map((t) => ({
        rank: t.rank,
        tied: t.tied,
        noteId: t.noteId,
        text: noteById.get(t.noteId)?.text ?? '',
        total: t.total,
        byGroup: t.byGroup,
      })),
    })),
    sections: sections.map((s) => {
      const inSection = notes.filter((n) => n.sectionId === s.id);
      const sectionGroups = groups.filter((g) => g.sectionId === s.id);
      const sectionGroupIds = new Set(sectionGroups.map((g) => g.id));
      return {
        id: s.id,
        title: s.title,
        prompt: s.prompt,
        groups: sectionGroups.map((g) => ({ id: g.id, title: g.title, notes: inSection.filter((n) => n.groupId === g.id).map(planNote) })),
        ungrouped: inSection.filter((n) => !n.groupId || !sectionGroupIds.has(n.groupId)).map(planNote),
      };
    }),
    participants: {
      total: input.participants.length,
      byGroup,
      people: input.anonymous
        ? null
        : input.participants.map(({ name, group, role, inRoom }) => ({ name: planText(name), group, role, inRoom })),
    },
    balance: input.balance,
    log: {
      counts,
      // On an anonymous board the log says what was done, not to whom: names and ids of the
      // people acted on (removed, helped to vote, given a role) are left out.
      entries: input.log.map(({ at, actorName, action, detail }) => ({
        at,
        actorName: planText(actorName),
        action,
        detail: Object.fromEntries(
          Object.entries(detail)
            .filter(([k]) => !input.anonymous || !/^participant/.test(k))
            .map(([k, v]) => [k, typeof v === 'string' ? planText(v) : v]),
        ),
      })),
    },
  };
}
