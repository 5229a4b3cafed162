import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { voteErrorText } from './text.js';
import { useVotingModel } from './VotingContext.js';
import { useEasyRead } from '../../hooks/useEasyRead.js';
import { Button } from '../ui/Button.js';

/**
 * Pinned to the bottom of the screen while a vote is open, so it is always in view: how many
 * dots are left (yours, or the person's you are helping), how many people have voted, and why
 * the last change was refused. Screen readers hear these through the voting live region.
 */
export function VoteDock() {
  const { t } = useTranslation();
  const { te } = useEasyRead();
  const model = useVotingModel();
  const [refusal, setRefusal] = useState<string | null>(null);
  const notice = model?.notice;
  const ref = useRef<HTMLDivElement>(null);
  const open = model?.round != null;

  // The page keeps room for the dock (and the phone's connection status sits above it): its
  // height, which changes with the banner, the message and the text size, is a CSS variable.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dock appears and goes with the round; observe it when it does.
  useLayoutEffect(() => {
    const el = ref.current;
    const root = document.documentElement;
    if (!el) return;
    const update = () => root.style.setProperty('--vote-dock-height', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--vote-dock-height');
    };
  }, [open]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new notice (its serial) starts the refusal timer; the same notice again does not.
  useEffect(() => {
    if (!notice) return;
    if (notice.value.kind !== 'refused') {
      setRefusal(null);
      return;
    }
    setRefusal(notice.value.code);
    const timer = window.setTimeout(() => setRefusal(null), 12_000);
    return () => window.clearTimeout(timer);
  }, [notice?.serial]);

  if (!model?.round) return null;
  const { round, remaining, voters, actingFor, ballot } = model;

  return (
    <div ref={ref} className={`vote-dock${actingFor ? ' vote-dock--for' : ''}`} role="region" aria-label={t('vote.dock.label')}>
      <div className="vote-dock__inner">
        {actingFor && (
          <div className="vote-dock__banner">
            <p>
              <strong>{t('assist.banner', { name: actingFor.name })}</strong>
            </p>
            <Button size="sm" onClick={() => model.setActingFor(null)}>
              {t('assist.stop')}
            </Button>
          </div>
        )}
        <p className="vote-dock__status">
          <span className="vote-dock__left">
            <span className="dot-row dot-row--budget" aria-hidden="true">
              {Array.from({ length: Math.min(round.budget, 20) }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: identical decorative dots; only their number matters.
                <span key={i} className={`dot-row__dot${i >= remaining ? ' dot-row__dot--used' : ''}`} />
              ))}
            </span>
            <strong>
              {ballot === null
                ? t('vote.dock.loading')
                : actingFor
                  ? t('vote.dotsLeftFor', { count: remaining, total: round.budget, name: actingFor.name })
                  : te('vote.dotsLeft', { count: remaining, total: round.budget })}
            </strong>
          </span>
          <span className="vote-dock__voters">{t('vote.voters', { count: voters })}</span>
        </p>
        {refusal && (
          <p className="vote-dock__refusal">
            <span className="error-message__icon" aria-hidden="true">
              !
            </span>
            {voteErrorText(t, refusal)}
          </p>
        )}
      </div>
    </div>
  );
}
