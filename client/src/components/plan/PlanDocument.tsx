import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pick, type Language } from '../../../../shared/i18nText.js';
import { PARTICIPANT_GROUPS, type ParticipantGroup } from '../../../../shared/participants.js';
import type { PlanModel, PlanNote } from '../../../../shared/planModel.js';
import { StatusIcon } from '../ui/Icon.js';
import { formatDate, formatDateTime, formatDue, shortLine } from './format.js';

type GroupCounts = Record<ParticipantGroup, number>;
type Round = PlanModel['rounds'][number];
type Section = PlanModel['sections'][number];

export const PLAN_PARTS = ['priorities', 'actions', 'votes', 'notes', 'people', 'balance', 'log'] as const;
const partId = (part: (typeof PLAN_PARTS)[number]) => `plan-${part}`;
const noteAnchor = (noteId: string) => `plan-note-${noteId}`;

/** "People who use the service 2, Staff and professionals 1" (groups with none left out). */
function groupSplit(counts: GroupCounts, t: TFunction): string {
  return PARTICIPANT_GROUPS.filter((g) => counts[g] > 0)
    .map((g) => t('plan.groupCount', { group: t(`plan.group.${g}`), count: counts[g] }))
    .join(', ');
}

/**
 * A link to another place in the plan that moves focus there without changing the address: the
 * share-back key lives in the fragment, and must survive a reload.
 */
function InPageLink({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  return (
    <a
      href={`#${to}`}
      className={className}
      onClick={(e) => {
        const target = document.getElementById(to);
        if (!target) return;
        e.preventDefault();
        target.scrollIntoView({ block: 'start' });
        target.focus({ preventScroll: true });
      }}
    >
      {children}
    </a>
  );
}

function NotSet() {
  const { t } = useTranslation();
  return <span className="plan-muted">{t('plan.notSet')}</span>;
}

/** The agreed plan, read-only, in one linear page: headings, lists and real tables. */
export function PlanDocument({ plan, lang }: { plan: PlanModel; lang: Language }) {
  const { t } = useTranslation();
  const noteText = new Map<string, string>();
  for (const s of plan.sections) for (const n of [...s.groups.flatMap((g) => g.notes), ...s.ungrouped]) noteText.set(n.id, n.text);

  return (
    <article className="plan-doc" aria-labelledby="plan-title">
      <header className="plan-doc__header">
        <p className="eyebrow">{t('plan.eyebrow')}</p>
        <h1 id="plan-title">{plan.board.title || t('plan.untitled')}</h1>
        <dl className="plan-meta">
          <div>
            <dt>{t('plan.template')}</dt>
            <dd>{pick(plan.board.templateName, lang)}</dd>
          </div>
          <div>
            <dt>{t('plan.started')}</dt>
            <dd>{formatDate(plan.board.createdAt, lang)}</dd>
          </div>
          <div>
            <dt>{t('plan.asOf')}</dt>
            <dd>{formatDateTime(plan.board.exportedAt, lang)}</dd>
          </div>
        </dl>
        <p className="lead">{t('plan.intro')}</p>
      </header>

      <nav className="plan-toc" aria-labelledby="plan-toc-heading">
        <h2 className="plan-toc__heading" id="plan-toc-heading">
          {t('plan.contents')}
        </h2>
        <ol>
          {PLAN_PARTS.filter((p) => p !== 'balance' || plan.balance).map((part) => (
            <li key={part}>
              <InPageLink to={`${partId(part)}-heading`}>{t(`plan.parts.${part}`)}</InPageLink>
            </li>
          ))}
        </ol>
      </nav>

      <Priorities plan={plan} lang={lang} />
      <Actions plan={plan} lang={lang} noteText={noteText} />
      <Votes plan={plan} lang={lang} />
      <Notes plan={plan} lang={lang} />
      <People plan={plan} />
      {plan.balance && <Balance balance={plan.balance} />}
      <Log plan={plan} lang={lang} />
    </article>
  );
}

function Part({ part, children }: { part: (typeof PLAN_PARTS)[number]; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="plan-part" aria-labelledby={`${partId(part)}-heading`} id={partId(part)}>
      <h2 id={`${partId(part)}-heading`} tabIndex={-1}>
        {t(`plan.parts.${part}`)}
      </h2>
      {children}
    </section>
  );
}

function Priorities({ plan, lang }: { plan: PlanModel; lang: Language }) {
  const { t } = useTranslation();
  return (
    <Part part="priorities">
      {plan.priorities.length === 0 ? (
        <p>{t('plan.noPriorities')}</p>
      ) : (
        <ol className="plan-priorities">
          {plan.priorities.map((p) => (
            <li key={p.noteId}>
              <InPageLink to={noteAnchor(p.noteId)} className="plan-priorities__text">
                {p.text || t('plan.emptyNote')}
              </InPageLink>{' '}
              <span className="plan-muted">{t('plan.inStep', { step: pick(p.section, lang) })}</span>
            </li>
          ))}
        </ol>
      )}
    </Part>
  );
}

function Actions({ plan, lang, noteText }: { plan: PlanModel; lang: Language; noteText: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <Part part="actions">
      {plan.actions.length === 0 ? (
        <p>{t('plan.noActions')}</p>
      ) : (
        <table className="plan-table plan-table--stack plan-actions" role="table">
          <caption>{t('plan.actionsCaption', { count: plan.actions.length })}</caption>
          <thead>
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('plan.col.number')}
              </th>
              <th scope="col" role="columnheader">
                {t('plan.col.what')}
              </th>
              <th scope="col" role="columnheader">
                {t('plan.col.who')}
              </th>
              <th scope="col" role="columnheader">
                {t('plan.col.due')}
              </th>
              <th scope="col" role="columnheader">
                {t('plan.col.status')}
              </th>
              <th scope="col" role="columnheader">
                {t('plan.col.from')}
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.actions.map((a, i) => (
              <tr key={a.id} role="row" className={`plan-actions__row plan-actions__row--${a.status}`}>
                <td role="cell" data-label={t('plan.col.number')} className="plan-table__num">
                  {i + 1}
                </td>
                <th scope="row" role="rowheader" data-label={t('plan.col.what')} className="plan-actions__what">
                  {a.what.trim() ? a.what : <NotSet />}
                </th>
                <td role="cell" data-label={t('plan.col.who')}>
                  {a.who.trim() ? a.who : <NotSet />}
                </td>
                <td role="cell" data-label={t('plan.col.due')}>
                  {a.due.trim() ? formatDue(a.due, lang) : <NotSet />}
                </td>
                <td role="cell" data-label={t('plan.col.status')}>
                  <span className={`plan-status plan-status--${a.status}`}>
                    <StatusIcon status={a.status} /> {t(`actions.status.${a.status}`)}
                  </span>
                </td>
                <td role="cell" data-label={t('plan.col.from')}>
                  {a.notes.length === 0 ? (
                    <span className="plan-muted">{t('plan.noSource')}</span>
                  ) : (
                    <ul className="plan-sources">
                      {a.notes.map((n) => (
                        <li key={n.id}>
                          <InPageLink to={noteAnchor(n.id)}>
                            “{shortLine(noteText.get(n.id) ?? n.text, 70) || t('plan.emptyNote')}”
                          </InPageLink>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Part>
  );
}

function Votes({ plan, lang }: { plan: PlanModel; lang: Language }) {
  const { t } = useTranslation();
  return (
    <Part part="votes">
      {plan.rounds.length === 0 ? (
        <p>{t('plan.noVotes')}</p>
      ) : (
        plan.rounds.map((r, i) => <RoundResults key={r.roundId} round={r} number={i + 1} lang={lang} />)
      )}
    </Part>
  );
}

function RoundResults({ round, number, lang }: { round: Round; number: number; lang: Language }) {
  const { t } = useTranslation();
  const title = round.title.trim() || t('plan.roundUntitled', { number });
  const headingId = `plan-round-${round.roundId}`;
  const split = groupSplit(round.votersByGroup, t);
  return (
    <section className="plan-round" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <ul className="plan-facts">
        <li>
          {t('plan.voters', { count: round.voters })}
          {split && ` (${split})`}
        </li>
        <li>
          {t('plan.budget', { count: round.budget })}
          {round.perNoteCap !== null && ` ${t('plan.perNoteCap', { count: round.perNoteCap })}`}
        </li>
        <li>{t('plan.dotsCast', { count: round.dotsCast })}</li>
        {round.assistedBallots > 0 && <li>{t('plan.assisted', { count: round.assistedBallots })}</li>}
        {round.closedAt !== null && <li>{t('plan.closedAt', { when: formatDateTime(round.closedAt, lang) })}</li>}
      </ul>
      {round.tallies.length === 0 ? (
        <p>{t('plan.noTallies')}</p>
      ) : (
        <table className="plan-table plan-table--stack plan-tallies" role="table">
          <caption>{t('plan.talliesCaption', { title })}</caption>
          <thead>
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('plan.col.place')}
              </th>
              <th scope="col" role="columnheader">
                {t('plan.col.note')}
              </th>
              <th scope="col" role="columnheader">
                {t('plan.col.dots')}
              </th>
              <th scope="col" role="columnheader">
                {t('plan.col.byGroup')}
              </th>
            </tr>
          </thead>
          <tbody>
            {round.tallies.map((tally) => (
              <tr key={tally.noteId} role="row">
                <td role="cell" data-label={t('plan.col.place')} className="plan-table__num">
                  {tally.tied ? `=${tally.rank}` : tally.rank}
                  {tally.tied && <span className="visually-hidden"> {t('plan.tied')}</span>}
                </td>
                <th scope="row" role="rowheader" data-label={t('plan.col.note')}>
                  {tally.text || t('plan.emptyNote')}
                </th>
                <td role="cell" data-label={t('plan.col.dots')} className="plan-table__num">
                  {tally.total}
                </td>
                <td role="cell" data-label={t('plan.col.byGroup')}>
                  {groupSplit(tally.byGroup, t) || <span className="plan-muted">{t('plan.noDots')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NoteList({ notes }: { notes: PlanNote[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plan-notes">
      {notes.map((n) => {
        const meta: string[] = [];
        if (n.author) meta.push(t('plan.by', { name: n.author }));
        if (n.votes > 0) meta.push(t('plan.dots', { count: n.votes }));
        if (n.priorityRank !== null) meta.push(t('plan.priorityRank', { rank: n.priorityRank }));
        if (n.actionIds.length > 0) meta.push(t('plan.inActionPlan'));
        return (
          <li key={n.id} id={noteAnchor(n.id)} className="plan-note" tabIndex={-1}>
            <p className="plan-note__text">{n.text.trim() ? n.text : <span className="plan-muted">{t('plan.emptyNote')}</span>}</p>
            {meta.length > 0 && <p className="plan-note__meta">{meta.join(' · ')}</p>}
          </li>
        );
      })}
    </ul>
  );
}

function SectionNotes({ section, lang }: { section: Section; lang: Language }) {
  const { t } = useTranslation();
  const headingId = `plan-section-${section.id}`;
  const count = section.ungrouped.length + section.groups.reduce((n, g) => n + g.notes.length, 0);
  const prompt = pick(section.prompt, lang);
  return (
    <section className="plan-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{pick(section.title, lang)}</h3>
      {prompt && <p className="plan-muted plan-section__prompt">{prompt}</p>}
      {count === 0 ? (
        <p>{t('plan.noNotes')}</p>
      ) : (
        <>
          <p className="plan-section__count">{t('plan.noteCount', { count })}</p>
          {section.groups.map((g) => (
            <div key={g.id} className="plan-group">
              <h4>{g.title.trim() || t('plan.untitledGroup')}</h4>
              {g.notes.length === 0 ? <p className="plan-muted">{t('plan.noNotes')}</p> : <NoteList notes={g.notes} />}
            </div>
          ))}
          {section.ungrouped.length > 0 &&
            (section.groups.length > 0 ? (
              <div className="plan-group">
                <h4>{t('plan.ungrouped')}</h4>
                <NoteList notes={section.ungrouped} />
              </div>
            ) : (
              <NoteList notes={section.ungrouped} />
            ))}
        </>
      )}
    </section>
  );
}

function Notes({ plan, lang }: { plan: PlanModel; lang: Language }) {
  return (
    <Part part="notes">
      {plan.sections.map((s) => (
        <SectionNotes key={s.id} section={s} lang={lang} />
      ))}
    </Part>
  );
}

function People({ plan }: { plan: PlanModel }) {
  const { t } = useTranslation();
  const { participants } = plan;
  return (
    <Part part="people">
      <p>{t('plan.tookPart', { count: participants.total })}</p>
      {participants.total > 0 && (
        <table className="plan-table plan-table--narrow">
          <caption>{t('plan.peopleCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.col.group')}</th>
              <th scope="col">{t('plan.col.people')}</th>
            </tr>
          </thead>
          <tbody>
            {PARTICIPANT_GROUPS.filter((g) => participants.byGroup[g] > 0).map((g) => (
              <tr key={g}>
                <th scope="row">{t(`plan.group.${g}`)}</th>
                <td className="plan-table__num">{participants.byGroup[g]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {participants.people === null ? (
        <p>{t('plan.anonymous')}</p>
      ) : (
        participants.people.length > 0 && (
          <>
            <h3>{t('plan.names')}</h3>
            <ul className="plan-people">
              {participants.people.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two people may share a name; the list is drawn once and never reordered.
                <li key={`${p.name}-${i}`}>
                  <span className="plan-people__name">{p.name}</span>
                  {' – '}
                  {t(`plan.group.${p.group}`)}
                  {p.role === 'facilitator' && `, ${t('plan.facilitator')}`}
                  {p.inRoom && `, ${t('plan.inRoom')}`}
                </li>
              ))}
            </ul>
          </>
        )
      )}
    </Part>
  );
}

const BALANCE_COLUMNS = ['present', 'notesWritten', 'editsMade', 'dotsCast', 'topPriorities'] as const;

function Balance({ balance }: { balance: NonNullable<PlanModel['balance']> }) {
  const { t } = useTranslation();
  const groups = PARTICIPANT_GROUPS.filter((g) => BALANCE_COLUMNS.some((c) => balance[c][g] > 0));
  return (
    <Part part="balance">
      <p className="plan-muted">{t('plan.balanceIntro')}</p>
      {groups.length === 0 ? (
        <p>{t('plan.balanceEmpty')}</p>
      ) : (
        <table className="plan-table plan-table--stack plan-balance" role="table">
          <caption>{t('plan.balanceCaption')}</caption>
          <thead>
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('plan.col.group')}
              </th>
              {BALANCE_COLUMNS.map((c) => (
                <th key={c} scope="col" role="columnheader">
                  {c === 'topPriorities' ? t('plan.balance.topPriorities', { count: balance.topPriorityCount }) : t(`plan.balance.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g} role="row">
                <th scope="row" role="rowheader" data-label={t('plan.col.group')}>
                  {t(`plan.group.${g}`)}
                </th>
                {BALANCE_COLUMNS.map((c) => (
                  <td
                    key={c}
                    role="cell"
                    className="plan-table__num"
                    data-label={
                      c === 'topPriorities' ? t('plan.balance.topPriorities', { count: balance.topPriorityCount }) : t(`plan.balance.${c}`)
                    }
                  >
                    {balance[c][g]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Part>
  );
}

function Log({ plan, lang }: { plan: PlanModel; lang: Language }) {
  const { t } = useTranslation();
  const counts = Object.entries(plan.log.counts).filter(([, n]) => n > 0);
  const last = plan.log.entries.at(-1);
  return (
    <Part part="log">
      {counts.length === 0 ? (
        <p>{t('plan.logEmpty')}</p>
      ) : (
        <>
          <p className="plan-muted">{t('plan.logIntro')}</p>
          <ul className="plan-log">
            {counts.map(([action, n]) => (
              <li key={action}>
                {t(`plan.logAction.${action}`, { defaultValue: action })}: {t('plan.times', { count: n })}
              </li>
            ))}
          </ul>
          {last && <p className="plan-muted">{t('plan.logLast', { when: formatDateTime(last.at, lang) })}</p>}
        </>
      )}
    </Part>
  );
}
