import type { BilingualText } from './i18nText.js';

/**
 * Co-production templates. Welsh wording comes from the two source documents in the project's
 * shared seeds: the prudent-healthcare article ("Felly beth ddylem ei wneud?") and the
 * Improvement Cymru Academy toolkit ("Sut i ddefnyddio cydgynhyrchu?").
 */
export const TEMPLATE_IDS = ['coproduction', 'improvement-cymru', 'what-matters', 'blank'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateSection {
  /** Stable id, unique within the template; becomes the section id on a new board. */
  id: string;
  title: BilingualText;
  prompt: BilingualText;
}

export interface TemplateDefinition {
  id: TemplateId;
  name: BilingualText;
  description: BilingualText;
  sections: TemplateSection[];
}

export const TEMPLATES: Record<TemplateId, TemplateDefinition> = {
  coproduction: {
    id: 'coproduction',
    name: { en: 'Co-production: what should we do?', cy: 'Cydgynhyrchu: beth ddylem ei wneud?' },
    description: {
      en: 'Five steps from the prudent healthcare article, from mapping our assets to celebrating.',
      cy: 'Pum cam o’r erthygl gofal iechyd darbodus, o fapio ein hasedau i ddathlu.',
    },
    sections: [
      {
        id: 'assets',
        title: { en: 'Map our assets', cy: 'Mapio eich asedau' },
        prompt: {
          en: 'What do we know, who do we know, what skills do we have, what resources can we use?',
          cy: 'Beth rydym yn ei wybod, pwy rydym yn ei adnabod, pa sgiliau sydd gennym, pa adnoddau y gallwn eu defnyddio?',
        },
      },
      {
        id: 'goals',
        title: { en: 'Shared goals', cy: 'Nodau cyffredin' },
        prompt: {
          en: 'What do we want to do? What should we prioritise?',
          cy: 'Beth rydym eisiau ei wneud? Beth ddylem ei flaenoriaethu?',
        },
      },
      {
        id: 'plan',
        title: { en: 'Plan together', cy: 'Cydgynllunio' },
        prompt: {
          en: 'Creative problem solving: how can we do this together?',
          cy: 'Datrys problem yn greadigol: sut y gallwn wneud hyn gyda’n gilydd?',
        },
      },
      {
        id: 'get-going',
        title: { en: 'Get going!', cy: 'Bwrw ati!' },
        prompt: { en: 'And do it co-productively.', cy: 'A bwrw ati’n gydgynhyrchiol.' },
      },
      {
        id: 'celebrate',
        title: { en: 'Celebrate, value, share', cy: 'Dathlu, gwerthfawrogi, rhannu' },
        prompt: { en: 'Repeat throughout.', cy: 'Ailadrodd drwyddo draw.' },
      },
    ],
  },
  'improvement-cymru': {
    id: 'improvement-cymru',
    name: { en: 'How to use co-production (Improvement Cymru)', cy: 'Sut i ddefnyddio cydgynhyrchu (Gwelliant Cymru)' },
    description: {
      en: 'The five steps of the Improvement Cymru Academy toolkit guide.',
      cy: 'Pum cam Canllaw Pecyn Cymorth Academi Gwelliant Cymru.',
    },
    sections: [
      {
        id: 'objectives',
        title: { en: 'Objectives', cy: 'Nodi eich amcanion' },
        prompt: {
          en: 'What do you hope to achieve by involving patients and communities in designing and delivering services?',
          cy: "Beth ydych chi'n gobeithio ei gyflawni drwy gynnwys cleifion a chymunedau wrth ddylunio a darparu gwasanaethau gofal iechyd?",
        },
      },
      {
        id: 'stakeholders',
        title: { en: 'Stakeholders', cy: 'Nodi eich rhanddeiliaid' },
        prompt: {
          en: 'Who will take part? This could include patients, their families, healthcare providers and community leaders.',
          cy: 'Y rhanddeiliaid a fydd yn cymryd rhan yn y broses gydgynhyrchu. Gallai hyn gynnwys cleifion, eu teuluoedd, darparwyr gofal iechyd ac arweinwyr cymunedol.',
        },
      },
      {
        id: 'plan',
        title: { en: 'Plan', cy: 'Datblygu eich cynllun' },
        prompt: {
          en: 'How will the co-production be carried out? A steering group, focus groups, interviews, workshops or other events.',
          cy: 'Datblygu cynllun ar gyfer sut y bydd y broses gydgynhyrchu yn cael ei chyflawni: grŵp llywio, grwpiau ffocws, cyfweliadau, gweithdai neu ddigwyddiadau cydweithredol eraill.',
        },
      },
      {
        id: 'engage',
        title: { en: 'Engage', cy: "Ymgysylltu â'ch rhanddeiliaid" },
        prompt: {
          en: 'Reach out to patient and community groups, healthcare providers and others to gather input and feedback.',
          cy: 'Estyn allan at grwpiau cleifion a chymunedol, darparwyr gofal iechyd, a phartïon eraill â diddordeb i gasglu mewnbwn ac adborth.',
        },
      },
      {
        id: 'co-design',
        title: { en: 'Co-design and co-deliver', cy: 'Cyd-ddylunio a chyd-gyflawni' },
        prompt: {
          en: 'Work with stakeholders to develop and deliver services that meet the needs of patients and their families.',
          cy: "Cydweithio â rhanddeiliaid i ddatblygu a gweithredu gwasanaethau gofal iechyd sy'n diwallu anghenion cleifion a'u teuluoedd.",
        },
      },
    ],
  },
  'what-matters': {
    id: 'what-matters',
    name: { en: 'What matters conversation', cy: 'Sgwrs am beth sy’n bwysig' },
    description: {
      en: 'Instead of tick-box questions, the questions become a conversation.',
      cy: 'Gyda chydgynhyrchu, daw’r cwestiynau’n sgwrs.',
    },
    sections: [
      {
        id: 'good-life',
        title: { en: 'What does a good life look like for you?', cy: 'Sut beth yw bywyd da i chi?' },
        prompt: { en: 'Talk about what matters to you.', cy: 'Beth sy’n bwysig i chi?' },
      },
      {
        id: 'strengths',
        title: { en: 'What strengths can we build on?', cy: 'Ar ba gryfderau y gallwn adeiladu?' },
        prompt: {
          en: 'Everyone is an expert in their own life, with something to contribute.',
          cy: 'Mae pawb yn arbenigwr yn ei fywyd ei hun, gyda rhywbeth i’w gyfrannu.',
        },
      },
      {
        id: 'goals',
        title: {
          en: 'How can we work together to reach your goals?',
          cy: 'Sut y gallwn weithio gyda chi i gyrraedd eich nodau?',
        },
        prompt: { en: 'What could we do together?', cy: 'Beth allwn ni ei wneud gyda’n gilydd?' },
      },
    ],
  },
  blank: {
    id: 'blank',
    name: { en: 'Blank board', cy: 'Bwrdd gwag' },
    description: { en: 'One open section to start from.', cy: 'Un adran agored i ddechrau.' },
    sections: [
      {
        id: 'ideas',
        title: { en: 'Ideas', cy: 'Syniadau' },
        prompt: { en: 'Add your ideas.', cy: 'Ychwanegwch eich syniadau.' },
      },
    ],
  },
};

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}
