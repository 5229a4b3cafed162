import type { ActionStatus } from './actionPlan.js';
import type { LogAction } from './facilitatorLog.js';
import type { BilingualText } from './i18nText.js';
import type { ParticipantGroup } from './participants.js';
import type { ExportLanguage } from './exportFormats.js';

/** Words of the exported plan, in English and Welsh. */
export const EXPORT_LABELS = {
  plan: { en: 'Agreed plan', cy: 'Cynllun y cytunwyd arno' },
  board: { en: 'Board', cy: 'Bwrdd' },
  template: { en: 'Template', cy: 'Templed' },
  exported: { en: 'Exported', cy: 'Allforiwyd' },
  intro: {
    en: 'What the group agreed, and how: priorities, actions, votes and everyone’s notes.',
    cy: 'Beth y cytunodd y grŵp arno, a sut: blaenoriaethau, camau gweithredu, pleidleisiau a nodiadau pawb.',
  },
  priorities: { en: 'Priorities', cy: 'Blaenoriaethau' },
  noPriorities: { en: 'No priorities were set.', cy: 'Ni osodwyd blaenoriaethau.' },
  rank: { en: 'Rank', cy: 'Safle' },
  note: { en: 'Note', cy: 'Nodyn' },
  section: { en: 'Step', cy: 'Cam' },
  actionPlan: { en: 'Action plan', cy: 'Cynllun gweithredu' },
  noActions: { en: 'No actions were agreed.', cy: 'Ni chytunwyd ar gamau gweithredu.' },
  what: { en: 'What', cy: 'Beth' },
  who: { en: 'Who', cy: 'Pwy' },
  due: { en: 'By when', cy: 'Erbyn pryd' },
  status: { en: 'Status', cy: 'Statws' },
  cameFrom: { en: 'From notes', cy: 'O nodiadau' },
  votes: { en: 'Vote results', cy: 'Canlyniadau’r pleidleisiau' },
  noVotes: { en: 'No votes were held.', cy: 'Ni chynhaliwyd pleidlais.' },
  dotsEach: { en: 'dots each', cy: 'dot yr un' },
  voters: { en: 'People who voted', cy: 'Pobl a bleidleisiodd' },
  assisted: { en: 'ballots cast with help', cy: 'pleidlais gyda chymorth' },
  total: { en: 'Total', cy: 'Cyfanswm' },
  tie: { en: 'tie', cy: 'cyfartal' },
  notesBySection: { en: 'Everyone’s notes, step by step', cy: 'Nodiadau pawb, gam wrth gam' },
  ungrouped: { en: 'Not in a group', cy: 'Ddim mewn grŵp' },
  noNotes: { en: 'No notes.', cy: 'Dim nodiadau.' },
  by: { en: 'by', cy: 'gan' },
  participants: { en: 'Who took part', cy: 'Pwy gymerodd ran' },
  people: { en: 'People', cy: 'Pobl' },
  anonymousBoard: { en: 'This board was anonymous: names are not shown.', cy: 'Roedd y bwrdd hwn yn ddienw: ni ddangosir enwau.' },
  inRoom: { en: 'in the room', cy: 'yn yr ystafell' },
  facilitator: { en: 'facilitator', cy: 'hwylusydd' },
  balance: { en: 'Balance of voice', cy: 'Cydbwysedd lleisiau' },
  group: { en: 'Group', cy: 'Grŵp' },
  present: { en: 'Present', cy: 'Yn bresennol' },
  notesWritten: { en: 'Notes written', cy: 'Nodiadau a ysgrifennwyd' },
  editsMade: { en: 'Edits made', cy: 'Golygiadau' },
  dotsCast: { en: 'Dots cast', cy: 'Dotiau a roddwyd' },
  topPriorities: { en: 'Top priorities', cy: 'Prif flaenoriaethau' },
  log: { en: 'What the facilitator did', cy: 'Beth wnaeth yr hwylusydd' },
  page: { en: 'Page', cy: 'Tudalen' },
  of: { en: 'of', cy: 'o' },
  csvHeaders: {
    en: ['Step', 'Group', 'Note', 'Votes', 'Priority rank', 'Actions'],
    cy: ['Cam', 'Grŵp', 'Nodyn', 'Pleidleisiau', 'Safle blaenoriaeth', 'Camau gweithredu'],
  },
} satisfies Record<string, BilingualText | { en: string[]; cy: string[] }>;

export const GROUP_LABELS: Record<ParticipantGroup, BilingualText> = {
  'service-user': { en: 'People who use the service', cy: 'Pobl sy’n defnyddio gwasanaethau' },
  'family-carer': { en: 'Families and carers', cy: 'Teuluoedd a gofalwyr' },
  staff: { en: 'Staff and professionals', cy: 'Staff a gweithwyr proffesiynol' },
  community: { en: 'Community members', cy: 'Aelodau o’r gymuned' },
  unspecified: { en: 'Preferred not to say', cy: 'Gwell ganddynt beidio â dweud' },
};

export const STATUS_LABELS: Record<ActionStatus, BilingualText> = {
  'not-started': { en: 'Not started', cy: 'Heb ddechrau' },
  'in-progress': { en: 'In progress', cy: 'Ar waith' },
  done: { en: 'Done', cy: 'Wedi’i wneud' },
};

export const LOG_LABELS: Record<LogAction, BilingualText> = {
  'vote-opened': { en: 'Opened a vote', cy: 'Agorodd bleidlais' },
  'vote-closed': { en: 'Closed a vote and showed the results', cy: 'Caeodd bleidlais a dangos y canlyniadau' },
  'assisted-ballot': { en: 'Voted for someone in the room', cy: 'Pleidleisiodd dros rywun yn yr ystafell' },
  'in-room-participant-added': { en: 'Added someone in the room', cy: 'Ychwanegodd rywun yn yr ystafell' },
  'assist-permission-changed': { en: 'Changed who may help others vote', cy: 'Newidiodd pwy all helpu eraill i bleidleisio' },
  'step-changed': { en: 'Moved to a step', cy: 'Symudodd i gam' },
  locked: { en: 'Paused editing', cy: 'Oedodd olygu' },
  unlocked: { en: 'Allowed editing again', cy: 'Caniataodd olygu eto' },
  'anonymity-changed': { en: 'Changed whether names are shown', cy: 'Newidiodd a ddangosir enwau' },
  'participant-removed': { en: 'Removed someone from the board', cy: 'Tynnodd rywun o’r bwrdd' },
  'role-changed': { en: 'Changed who facilitates', cy: 'Newidiodd pwy sy’n hwyluso' },
  'link-rotated': { en: 'Replaced the join link', cy: 'Newidiodd y ddolen ymuno' },
  'share-link-created': { en: 'Shared the plan with everyone', cy: 'Rhannodd y cynllun â phawb' },
  'timer-set': { en: 'Set the timer', cy: 'Gosododd yr amserydd' },
  'timer-cleared': { en: 'Cleared the timer', cy: 'Cliriodd yr amserydd' },
  'timer-started': { en: 'Started the timer', cy: 'Dechreuodd yr amserydd' },
  'timer-paused': { en: 'Paused the timer', cy: 'Oedodd yr amserydd' },
  'timer-added': { en: 'Changed the time on the timer', cy: 'Newidiodd yr amser ar yr amserydd' },
  'results-used': {
    en: 'Used vote results as the shared priorities',
    cy: 'Defnyddiodd ganlyniadau pleidlais fel y blaenoriaethau cyffredin',
  },
  'hand-cleared': { en: 'Marked a raised hand as done', cy: 'Nododd fod llaw wedi’i hateb' },
  'break-cleared': { en: 'Marked a break request as done', cy: 'Nododd fod cais am egwyl wedi’i ateb' },
};

export type { ExportLanguage };

/** A label in the export's language; "both" gives "English / Cymraeg". */
export function label(text: BilingualText, lang: ExportLanguage): string {
  if (lang === 'both') return text.en === text.cy ? text.en : `${text.en} / ${text.cy}`;
  return text[lang];
}
