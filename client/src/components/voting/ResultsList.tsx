import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTICIPANT_GROUPS } from '../../../../shared/participants.js';
import { pick } from '../../../../shared/i18nText.js';
import { seedPriorities } from '../../../../shared/boardDoc.js';
import type { ClosedRound, NoteTally } from '../../../../shared/votes.js';
import { useBoard } from '../../board/BoardContext.js';
import { useNote } from '../../hooks/useBoardModel.js';
import { focusById } from '../../board/focus.js';
import { usePriorities } from '../../hooks/usePriorities.js';
import { useNoteText } from '../../hooks/useNoteText.js';
import { currentLanguage } from '../../i18n.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { DotRow } from './DotRow.js';
import { GroupBars, groupScale } from './GroupBars.js';
import { useVotingModel } from './VotingContext.js';
import { placeText, shortText } from './text.js';
import { Button } from '../ui/Button.js';

/** The heading of the shared priorities panel, where focus goes after "Use these results". */
export const PRIORITIES_HEADING_ID = 'priorities-heading';

function ResultItem({ tally, scale }: { tally: NoteTally; scale: number }) {
  const { t } = useTranslation();
  const { doc, sections, lang } = useBoard();
  const text = useNoteText(doc, tally.noteId);
  const note = useNote(doc, tally.noteId);
  const section = note ? sections.find((s) => s.id === note.sectionId) : undefined;
  const place = placeText(t, tally.rank, tally.tied);
  return (
    <li className="results__item">
      <span className={`results__place${tally.tied ? ' results__place--tie' : ''}`}>
        <span aria-hidden="true">{place.visible}</span>
        <span className="visually-hidden">{place.spoken}:</span>
      </span>
      <div className="results__body">
        <p className="results__text">
          {text === null ? <em>{t('vote.results.deletedNote')}</em> : shortText(text, 140) || <em>{t('vote.note.empty')}</em>}
          {section && <span className="results__section"> {t('vote.results.inSection', { section: pick(section.title, lang) })}</span>}
        </p>
        <p className="results__total">
          <DotRow count={tally.total} />
          <strong>{t('vote.dots', { count: tally.total })}</strong>
        </p>
        <GroupBars byGroup={tally.byGroup} total={tally.total} label={t('vote.results.byGroup')} scale={scale} />
      </div>
    </li>
  );
}

/** "Use these results": the notes that got dots become the shared priority list, best first. */
function UseResults({ closed }: { closed: ClosedRound }) {
  const { t } = useTranslation();
  const { doc, undoManager, announce } = useBoard();
  const priorities = usePriorities(doc);
  const [confirming, setConfirming] = useState(false);
  const id = useId();
  const ranked = closed.results.tallies.filter((x) => x.total > 0).map((x) => x.noteId);
  const { readOnly } = useFacilitationView();
  const model = useVotingModel();

  function use() {
    undoManager.stopCapturing();
    seedPriorities(doc, ranked);
    undoManager.stopCapturing();
    // The list is a doc edit anyone may make; when a facilitator makes it, it goes in the log.
    if (model?.isFacilitator) void model.reportResultsUsed(closed.round.roundId);
    setConfirming(false);
    announce(t('vote.results.used', { title: closed.round.title }));
    focusById(PRIORITIES_HEADING_ID);
  }

  if (ranked.length === 0 || readOnly) return null;
  return (
    <div className="results__use">
      {!confirming ? (
        <>
          <Button
            variant="primary"
            aria-describedby={`${id}-hint`}
            onClick={() => {
              if (priorities.length === 0) use();
              else {
                setConfirming(true);
                focusById(`${id}-no`);
              }
            }}
          >
            {t('vote.results.useThese')}
          </Button>
          <p className="panel__hint" id={`${id}-hint`}>
            {t('vote.results.useHint')}
          </p>
        </>
      ) : (
        <div className="confirm" role="group" aria-labelledby={`${id}-q`}>
          <p className="confirm__question" id={`${id}-q`}>
            {t('vote.results.replaceConfirm', { count: priorities.length })}
          </p>
          <div className="confirm__buttons">
            <Button variant="primary" onClick={use}>
              {t('vote.results.replaceYes')}
            </Button>
            <Button id={`${id}-no`} onClick={() => setConfirming(false)}>
              {t('vote.results.replaceNo')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

/** A closed round's results: who voted (by group), the ranked notes with ties as ties, and "Use these results". */
export function ResultsList({ closed }: { closed: ClosedRound }) {
  const { t } = useTranslation();
  const id = useId();
  const { results, round } = closed;
  const withDots = results.tallies.filter((x) => x.total > 0);
  const withoutDots = results.tallies.length - withDots.length;
  const groups = PARTICIPANT_GROUPS.filter((g) => results.votersByGroup[g] > 0);
  const time = round.closedAt
    ? new Intl.DateTimeFormat(currentLanguage() === 'cy' ? 'cy-GB' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(round.closedAt)
    : '';
  return (
    <section className="results" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="results__heading">
        {t('vote.results.heading', { title: round.title })}
      </h3>
      <p className="results__summary">
        {time && <span>{t('vote.results.closedAt', { time })} · </span>}
        {t('vote.results.voters', { count: results.voters })} · {t('vote.results.dotsUsed', { count: results.dotsCast })}
        {results.assistedBallots > 0 && <> · {t('vote.results.assisted', { count: results.assistedBallots })}</>}
      </p>
      {groups.length > 0 && (
        <p className="results__groups">
          {t('vote.results.votersByGroup')}{' '}
          {groups.map((g, i) => (
            <span key={g}>
              {i > 0 && ', '}
              {t(`group.short.${g}`)}: {results.votersByGroup[g]}
            </span>
          ))}
        </p>
      )}
      {withDots.length === 0 ? (
        <p className="results__empty">{t('vote.results.noDots')}</p>
      ) : (
        <ol className="results__list" aria-label={t('vote.results.listLabel', { title: round.title })}>
          {withDots.map((tally) => (
            <ResultItem key={tally.noteId} tally={tally} scale={groupScale(results.tallies)} />
          ))}
        </ol>
      )}
      {withoutDots > 0 && withDots.length > 0 && <p className="panel__hint">{t('vote.results.noDotsCount', { count: withoutDots })}</p>}
      <UseResults closed={closed} />
    </section>
  );
}
