import { Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../../shared/i18nText.js';
import { useBoard } from '../../board/BoardContext.js';
import { focusById } from '../../board/focus.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { InRoomPeople } from './InRoomPeople.js';
import { ResultsList } from './ResultsList.js';
import { lazyNamed } from '../../board/lazy.js';
import { voteErrorText } from './text.js';
import { useVotingModel } from './VotingContext.js';
import { Button } from '../ui/Button.js';

// Facilitators only: participants never download it.
const StartVoteDialog = lazyNamed(() => import('./StartVoteDialog.js'), 'StartVoteDialog');

/** Facilitator: "Close the vote and show results", after a yes/no check. */
function CloseVote() {
  const { t } = useTranslation();
  const model = useVotingModel();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!model) return null;

  async function close() {
    if (busy || !model) return;
    setBusy(true);
    setError(null);
    const res = await model.closeRound();
    setBusy(false);
    setConfirming(false);
    if (!res.ok) setError(voteErrorText(t, res.code));
    else focusById('vote-panel-heading');
  }

  return (
    <div className="vote-panel__close">
      {!confirming ? (
        <Button
          variant="primary"
          id={`${id}-close`}
          onClick={() => {
            setConfirming(true);
            focusById(`${id}-no`);
          }}
        >
          {t('vote.open.close')}
        </Button>
      ) : (
        <div className="confirm" role="group" aria-labelledby={`${id}-q`}>
          <p className="confirm__question" id={`${id}-q`}>
            {t('vote.open.closeConfirm', { voters: t('vote.voters', { count: model.voters }) })}
          </p>
          <div className="confirm__buttons">
            <Button variant="primary" aria-disabled={busy} onClick={() => void close()}>
              {busy ? t('vote.open.closing') : t('vote.open.closeYes')}
            </Button>
            <Button
              id={`${id}-no`}
              onClick={() => {
                setConfirming(false);
                focusById(`${id}-close`);
              }}
            >
              {t('vote.open.closeNo')}
            </Button>
          </div>
        </div>
      )}
      <ErrorMessage>{error}</ErrorMessage>
    </div>
  );
}

/** Earlier closed rounds: pick which one's results are shown (on the notes and in the list). */
function RoundHistory() {
  const { t } = useTranslation();
  const model = useVotingModel();
  if (!model || model.closed.length < 2) return null;
  return (
    <details className="vote-history">
      <summary>{t('vote.history.heading', { count: model.closed.length })}</summary>
      <ul className="vote-history__list">
        {model.closed.map((c) => {
          const current = model.shownRound?.round.roundId === c.round.roundId;
          return (
            <li key={c.round.roundId} className="vote-history__item">
              <span className="vote-history__title">{c.round.title}</span>
              <span className="vote-history__meta">{t('vote.results.voters', { count: c.results.voters })}</span>
              <Button size="sm" aria-pressed={current} onClick={() => model.showRound(c.round.roundId)}>
                {current ? t('vote.history.showing') : t('vote.history.show', { title: c.round.title })}
              </Button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

/**
 * The voting panel above the board: start a vote (facilitator), what the open vote is about,
 * helping people in the room, and the results of closed votes. The dock at the bottom of the
 * screen keeps the dots left and the number of voters in view.
 */
export function VotingPanel({ inDrawer = false }: { inDrawer?: boolean }) {
  const Wrapper = inDrawer ? 'div' : 'section';
  const { t } = useTranslation();
  const { sections, lang } = useBoard();
  const model = useVotingModel();
  const [dialogOpen, setDialogOpen] = useState(false);
  if (!model) return null;
  const { round, isFacilitator, shownRound, closed } = model;
  if (!round && !isFacilitator && closed.length === 0) {
    return inDrawer ? <p className="panel__hint">{t('ui.noVoteYet')}</p> : null;
  }

  const scope = round
    ? sections
        .filter((s) => round.sectionIds.includes(s.id))
        .map((s) => pick(s.title, lang))
        .join(', ')
    : '';

  return (
    <Wrapper
      className={`vote-panel${round ? ' vote-panel--open' : ''}`}
      aria-labelledby={inDrawer ? undefined : 'vote-panel-heading'}
      id="voting"
    >
      {!inDrawer && (
        <h2 className="vote-panel__heading" id="vote-panel-heading" tabIndex={-1}>
          <span className="dot-row vote-panel__mark" aria-hidden="true">
            <span className="dot-row__dot" />
            <span className="dot-row__dot" />
            <span className="dot-row__dot dot-row__dot--used" />
          </span>
          {round ? t('vote.open.heading', { title: round.title }) : t('vote.panelHeading')}
        </h2>
      )}

      {round ? (
        <div className="vote-panel__open">
          <p className="vote-panel__intro">{t('vote.open.intro')}</p>
          <p className="vote-panel__scope">
            <strong>{t('vote.open.scope', { sections: scope })}</strong>
            {round.perNoteCap !== null && <> {t('vote.open.cap', { count: round.perNoteCap })}</>}{' '}
            {t('vote.open.everyone', { dots: t('vote.dots', { count: round.budget }) })}
          </p>
          {isFacilitator && <CloseVote />}
        </div>
      ) : (
        isFacilitator && (
          <div className="vote-panel__start">
            <Button variant="primary" id="start-vote" onClick={() => setDialogOpen(true)}>
              {t('vote.start.open')}
            </Button>
            <p className="panel__hint">{t('vote.start.hint')}</p>
          </div>
        )
      )}

      <InRoomPeople />

      {!round && shownRound && (
        <>
          <ResultsList closed={shownRound} />
          <Button size="sm" className="vote-panel__hide" onClick={() => model.showRound(null)}>
            {t('vote.results.hide')}
          </Button>
        </>
      )}
      {!round && !shownRound && closed.length > 0 && (
        <Button size="sm" onClick={() => model.showRound(closed[0].round.roundId)}>
          {t('vote.results.showLatest')}
        </Button>
      )}
      {!round && <RoundHistory />}

      {isFacilitator && (
        <Suspense fallback={null}>
          <StartVoteDialog
            open={dialogOpen}
            onClose={() => {
              setDialogOpen(false);
              focusById('start-vote');
            }}
            onStarted={() => {
              setDialogOpen(false);
              focusById('vote-panel-heading');
            }}
          />
        </Suspense>
      )}
    </Wrapper>
  );
}
