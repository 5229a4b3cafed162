import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction } from '../../shared/actionPlan.js';
import { addGroup, addNote, initBoardDoc, setNoteGroup } from '../../shared/boardDoc.js';
import { buildPlan, PlanModel } from '../../shared/planModel.js';
import { planBilingual, planText } from '../../shared/planText.js';
import { TEMPLATES } from '../../shared/templates.js';

/**
 * The plan's text sanitiser. The integration test (test/integration/export.test.ts) sends these
 * characters through the real server; lone surrogates cannot arrive that way (the wire and the
 * store are UTF-8), so here they go straight into the plan model.
 */

const FORBIDDEN = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u000e',
  '\u001f',
  '\ufdd0',
  '\ufdef',
  '\ufffe',
  '\uffff',
  '\u{1fffe}',
  '\u{1ffff}',
  '\u{2fffe}',
  '\u{8ffff}',
  '\u{10fffe}',
  '\u{10ffff}',
  // Lone surrogates, low ones first so that joined they stay lone (high then low would be a pair).
  '\udc00',
  '\udfff',
  '\ud800',
  '\udbff',
];
const VALID = 'Ŵyn ac ŷd â ê î ô û ŵ ŷ Â Ê Î Ô Û Ŵ Ŷ 😀 👩‍👧 🏴󠁧󠁢󠁷󠁬󠁳󠁿 𝔘 \u{10fffd} \ufdcf\ufdf0\ufffd \t\n\r';

describe('planText', () => {
  it('removes every character XML 1.0 forbids and every non-character', () => {
    for (const c of FORBIDDEN) expect([c.codePointAt(0)!.toString(16), planText(`a${c}b`)]).toEqual([c.codePointAt(0)!.toString(16), 'ab']);
    expect(planText(FORBIDDEN.join(''))).toBe('');
  });

  it('keeps valid text as it is: Welsh letters, emoji, tab and line breaks, the characters next to non-characters', () => {
    expect(planText(VALID)).toBe(VALID);
  });

  it('removes a lone surrogate but keeps a pair', () => {
    expect(planText('x\ud83dy\ude00z')).toBe('xyz');
    expect(planText('\ud83d\ude00')).toBe('😀');
    expect(planText('\ude00\ud83d')).toBe('');
  });

  it('gives empty text for what is not a string', () => {
    expect(planText(7)).toBe('');
    expect(planText(undefined)).toBe('');
    expect(planBilingual({ en: 'Goals\uffff', cy: 7 } as unknown as { en: string; cy: string })).toEqual({ en: 'Goals', cy: '' });
  });
});

describe('buildPlan cleans every text people wrote', () => {
  it('notes, groups, actions, sections, names, rounds and the log', () => {
    const bad = FORBIDDEN.join('');
    const doc = new Y.Doc();
    initBoardDoc(doc, TEMPLATES.coproduction);
    const note = addNote(doc, { sectionId: 'goals', text: `note${bad}${VALID}`, author: 'k1' });
    setNoteGroup(doc, note, addGroup(doc, 'goals', `group${bad}`));
    addAction(doc, { what: `what${bad}`, who: `who${bad}`, due: `due${bad}`, noteIds: [note] });
    const section = doc.getArray<Y.Map<unknown>>('sections').get(0);
    section.set('title', { en: `title${bad}`, cy: `teitl${bad}` });
    const plan = buildPlan({
      doc,
      board: { id: 'b', title: `board${bad}`, template: 'coproduction', language: 'en', createdAt: 0 },
      anonymous: false,
      rounds: [
        {
          round: {
            roundId: 'r',
            title: `round${bad}`,
            sectionIds: ['goals'],
            budget: 3,
            perNoteCap: null,
            status: 'closed',
            openedAt: 0,
            closedAt: 1,
          },
          results: {
            roundId: 'r',
            voters: 0,
            votersByGroup: { 'service-user': 0, 'family-carer': 0, staff: 0, community: 0, unspecified: 0 },
            dotsCast: 0,
            assistedBallots: 0,
            tallies: [
              {
                noteId: note,
                total: 0,
                byGroup: { 'service-user': 0, 'family-carer': 0, staff: 0, community: 0, unspecified: 0 },
                rank: 1,
                tied: false,
              },
            ],
          },
        },
      ],
      participants: [{ name: `Rhian${bad}`, group: 'service-user', role: 'facilitator', inRoom: false, authorKey: 'k1' }],
      balance: null,
      log: [{ id: 'l', at: 0, actorId: 'p', actorName: `Rhian${bad}`, action: 'vote-opened', detail: { title: `round${bad}`, count: 2 } }],
      exportedAt: 0,
    });
    const goals = plan.sections.find((s) => s.id === 'goals')!;
    expect(goals.groups[0]).toMatchObject({ title: 'group', notes: [{ text: `note${VALID}`, author: 'Rhian' }] });
    expect(plan.actions[0]).toMatchObject({ what: 'what', who: 'who', due: 'due', notes: [{ text: `note${VALID}` }] });
    expect(plan.sections[0]!.title).toEqual({ en: 'title', cy: 'teitl' });
    expect(plan.board.title).toBe('board');
    expect(plan.rounds[0]).toMatchObject({ title: 'round', tallies: [{ text: `note${VALID}` }] });
    expect(plan.participants.people).toEqual([{ name: 'Rhian', group: 'service-user', role: 'facilitator', inRoom: false }]);
    expect(plan.log.entries).toEqual([{ at: 0, actorName: 'Rhian', action: 'vote-opened', detail: { title: 'round', count: 2 } }]);
    expect(() => PlanModel.parse(plan)).not.toThrow();
    // Nothing forbidden is left anywhere in the plan.
    expect(planText(JSON.stringify(plan))).toBe(JSON.stringify(plan));
  });
});
