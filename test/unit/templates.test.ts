import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS, TEMPLATES } from '../../shared/templates.js';

describe('templates', () => {
  it('defines every template with sections in English and Welsh', () => {
    for (const id of TEMPLATE_IDS) {
      const t = TEMPLATES[id];
      expect(t.id).toBe(id);
      expect(t.name.en && t.name.cy).toBeTruthy();
      expect(t.sections.length).toBeGreaterThan(0);
      expect(new Set(t.sections.map((s) => s.id)).size).toBe(t.sections.length);
      for (const s of t.sections) {
        for (const text of [s.title.en, s.title.cy, s.prompt.en, s.prompt.cy]) expect(text.trim().length).toBeGreaterThan(0);
        expect(s.title.cy).not.toBe(s.title.en);
      }
    }
  });

  it('uses the wording of the source documents', () => {
    const titles = (id: keyof typeof TEMPLATES) => TEMPLATES[id].sections.map((s) => [s.title.en, s.title.cy]);
    expect(titles('coproduction')).toEqual([
      ['Map our assets', 'Mapio eich asedau'],
      ['Shared goals', 'Nodau cyffredin'],
      ['Plan together', 'Cydgynllunio'],
      ['Get going!', 'Bwrw ati!'],
      ['Celebrate, value, share', 'Dathlu, gwerthfawrogi, rhannu'],
    ]);
    expect(titles('improvement-cymru')).toEqual([
      ['Objectives', 'Nodi eich amcanion'],
      ['Stakeholders', 'Nodi eich rhanddeiliaid'],
      ['Plan', 'Datblygu eich cynllun'],
      ['Engage', "Ymgysylltu â'ch rhanddeiliaid"],
      ['Co-design and co-deliver', 'Cyd-ddylunio a chyd-gyflawni'],
    ]);
    expect(titles('what-matters').map(([en]) => en)).toEqual([
      'What does a good life look like for you?',
      'What strengths can we build on?',
      'How can we work together to reach your goals?',
    ]);
    expect(TEMPLATES['what-matters'].sections[0].title.cy).toBe('Sut beth yw bywyd da i chi?');
    expect(TEMPLATES.coproduction.sections[0].prompt.cy).toContain('pa sgiliau sydd gennym');
  });
});
