import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../../shared/i18nText.js';
import { useBoard } from '../../board/BoardContext.js';
import { useDeviceSetting, type Facilitation } from '../../hooks/useFacilitation.js';
import { Icon } from '../ui/Icon.js';
import { BalancePanel } from './BalancePanel.js';
import { LogPanel } from './LogPanel.js';
import { requestErrorText } from './text.js';
import { playChime, primeAudio } from './timer.js';
import { useTimerEnd, useTimerView } from './useTimerView.js';

export const FOLLOW_KEY = 'codesign:follow-facilitator';
export const SOUND_KEY = 'codesign:timer-sound';

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Someone typing in a note or a field: their view is not pulled away from under them. */
function isTyping(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(el.type));
}

export function scrollToSection(sectionId: string): void {
  const el = document.getElementById(`section-${sectionId}`);
  if (!el) return;
  const stacked = window.matchMedia('(max-width: 700px)').matches;
  el.scrollIntoView({
    behavior: prefersReducedMotion() ? 'auto' : 'smooth',
    block: stacked ? 'start' : 'nearest',
    inline: 'nearest',
  });
}

/**
 * What everyone sees of facilitation: the current step (views follow it unless the person turns
 * that off), the timer, raise hand, "I need a break", and the two panels anyone can open: what
 * the facilitator did, and the balance of voice.
 */
export function SessionBar({
  fac,
  myId,
  isFacilitator,
  announce,
}: {
  fac: Facilitation;
  myId: string;
  /** Facilitators lead: their own view is not moved when the step changes. */
  isFacilitator: boolean;
  announce: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { sections, lang } = useBoard();
  const id = useId();
  const [follow, setFollow] = useDeviceSetting(FOLLOW_KEY, true);
  const [sound, setSound] = useDeviceSetting(SOUND_KEY, false);
  const [panel, setPanel] = useState<'log' | 'balance' | null>(null);
  const [breakOpen, setBreakOpen] = useState(false);
  const [breakAnonymous, setBreakAnonymous] = useState(false);
  const [feedback, setFeedback] = useState('');
  const [busy, setBusy] = useState(false);
  const breakButton = useRef<HTMLButtonElement>(null);
  const timerBox = useRef<HTMLDivElement>(null);
  const [timerInView, setTimerInView] = useState(true);

  const state = fac.state;
  const step = state?.step ?? null;
  const stepIndex = step ? sections.findIndex((s) => s.id === step) : -1;
  const stepSection = stepIndex >= 0 ? sections[stepIndex] : null;
  const timer = useTimerView(state?.timer, fac.clockOffset);
  const handIndex = state?.hands.findIndex((h) => h.participantId === myId) ?? -1;
  const handUp = handIndex >= 0;

  // Follow the step: scroll to it and say so. Nothing is announced for the step the page opened on.
  const followRef = useRef(follow && !isFacilitator);
  followRef.current = follow && !isFacilitator;
  const lastStep = useRef<string | null | undefined>(undefined);
  const ready = state !== null && sections.length > 0;
  useEffect(() => {
    if (!ready) return;
    const previous = lastStep.current;
    lastStep.current = step;
    if (previous === step) return;
    if (step === null) {
      if (previous !== undefined) announce(t('facilitation.stepCleared'));
      return;
    }
    const index = sections.findIndex((s) => s.id === step);
    if (index < 0) return;
    if (previous !== undefined) {
      announce(t('facilitation.movedTo', { number: index + 1, total: sections.length, title: pick(sections[index].title, lang) }));
    }
    if (followRef.current && !isTyping()) scrollToSection(step);
    // Sections and language are read at the moment of the change only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, ready]);

  // "The facilitator has been told" fades after a while; errors stay until the next try.
  useEffect(() => {
    if (feedback !== t('breaks.sent')) return;
    const id = window.setTimeout(() => setFeedback(''), 10_000);
    return () => window.clearTimeout(id);
  }, [feedback, t]);

  // When the bar has scrolled away (following a step), a small copy of the timer stays on screen.
  const hasTimer = timer.phase !== 'none';
  useEffect(() => {
    const el = timerBox.current;
    if (!el || !hasTimer || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setTimerInView(entry.isIntersecting));
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasTimer]);

  useTimerEnd(state?.timer, timer, () => {
    announce(t('timer.endedAnnounce'));
    if (sound) playChime();
  });

  async function toggleHand() {
    setBusy(true);
    const r = await fac.request('hand:set', { raised: !handUp });
    setBusy(false);
    setFeedback(r.ok ? '' : requestErrorText(t, r.code));
  }

  async function sendBreak() {
    setBusy(true);
    const r = await fac.request('break:request', { anonymous: breakAnonymous });
    setBusy(false);
    if (r.ok) {
      setBreakOpen(false);
      setBreakAnonymous(false);
      setFeedback(t('breaks.sent'));
      breakButton.current?.focus();
    } else {
      setFeedback(requestErrorText(t, r.code));
    }
  }

  return (
    <section className="session-bar" aria-label={t('facilitation.sessionLabel')}>
      <div className="session-bar__row">
        <div className="session-bar__step">
          <span className="session-bar__label">{t('facilitation.currentStep')}</span>
          {stepSection ? (
            <span className="session-bar__value">
              <span className="session-bar__step-number">
                {t('facilitation.stepOf', { number: stepIndex + 1, total: sections.length })}
              </span>{' '}
              <a href={`#section-${stepSection.id}`}>{pick(stepSection.title, lang)}</a>
            </span>
          ) : (
            <span className="session-bar__value session-bar__value--none">{t('facilitation.noStepYet')}</span>
          )}
        </div>

        <div ref={timerBox} className={`session-timer session-timer--${timer.phase}`}>
          <span className="session-bar__label" id={`${id}-timer-label`}>
            {t('timer.label')}
          </span>
          {timer.phase === 'none' ? (
            <span className="session-bar__value session-bar__value--none">{t('timer.none')}</span>
          ) : (
            <span className="session-timer__readout">
              <span className="session-timer__clock" role="timer" aria-labelledby={`${id}-timer-label`} data-testid="timer-clock">
                {timer.text}
              </span>
              <span className="session-timer__phase">
                {timer.phase === 'ended' && <Icon name="alert" />} {t(`timer.${timer.phase}`)}
              </span>
            </span>
          )}
          <label className="check check--small">
            <input
              type="checkbox"
              checked={sound}
              onChange={(e) => {
                if (e.target.checked) primeAudio();
                setSound(e.target.checked);
              }}
            />
            <span>{t('timer.sound')}</span>
          </label>
        </div>

        {!isFacilitator && (
          <label className="check session-bar__follow">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} aria-describedby={`${id}-follow-hint`} />
            <span>
              {t('facilitation.follow')}
              <span className="check__hint" id={`${id}-follow-hint`}>
                {t('facilitation.followHint')}
              </span>
            </span>
          </label>
        )}
      </div>

      <div className="session-bar__row session-bar__actions">
        <button
          type="button"
          className={`button${handUp ? ' button--primary' : ''}`}
          aria-describedby={handUp ? `${id}-hand` : undefined}
          disabled={busy}
          onClick={() => void toggleHand()}
        >
          <Icon name="hand" /> {handUp ? t('hands.lower') : t('hands.raise')}
        </button>
        <button
          ref={breakButton}
          type="button"
          className="button"
          aria-expanded={breakOpen}
          aria-controls={`${id}-break`}
          onClick={() => {
            setBreakOpen((o) => !o);
            setFeedback('');
          }}
        >
          <Icon name="cup" /> {t('breaks.request')}
        </button>
        <button type="button" className="button" onClick={() => setPanel('log')}>
          <Icon name="list" /> {t('log.heading')}
        </button>
        <button type="button" className="button" onClick={() => setPanel('balance')}>
          <Icon name="chart" /> {t('balance.heading')}
        </button>
        {state?.anonymous && (
          <span className="badge session-bar__anon">
            <Icon name="eyeOff" /> {t('facilitation.anonymousOn')}
          </span>
        )}
      </div>

      {handUp && (
        <p className="session-bar__hand" id={`${id}-hand`}>
          {t('hands.yourHandUp', { position: handIndex + 1 })}
        </p>
      )}

      {breakOpen && (
        <div className="break-form" id={`${id}-break`}>
          <p className="panel__hint">{t('breaks.formHint')}</p>
          <label className="check">
            <input type="checkbox" checked={breakAnonymous} onChange={(e) => setBreakAnonymous(e.target.checked)} />
            <span>{t('breaks.hideName')}</span>
          </label>
          <div className="confirm__buttons">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void sendBreak()}>
              {t('breaks.send')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setBreakOpen(false);
                breakButton.current?.focus();
              }}
            >
              {t('breaks.cancel')}
            </button>
          </div>
        </div>
      )}

      <p className="session-bar__feedback" role="status">
        {feedback}
      </p>

      {hasTimer && !timerInView && (
        <p className={`mini-timer mini-timer--${timer.phase}`}>
          <Icon name={timer.phase === 'ended' ? 'alert' : 'clock'} />
          <span className="visually-hidden">{t('timer.label')}: </span>
          <span className="mini-timer__clock">{timer.text}</span>
          {timer.phase !== 'running' && <span className="mini-timer__phase">{t(`timer.${timer.phase}`)}</span>}
        </p>
      )}

      <LogPanel open={panel === 'log'} onClose={() => setPanel(null)} log={fac.log} />
      <BalancePanel open={panel === 'balance'} onClose={() => setPanel(null)} fac={fac} />
    </section>
  );
}
