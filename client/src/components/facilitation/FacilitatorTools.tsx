import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TIMER_MAX_MS } from '../../../../shared/facilitation.js';
import { pick } from '../../../../shared/i18nText.js';
import { useBoard } from '../../board/BoardContext.js';
import type { Facilitation } from '../../hooks/useFacilitation.js';
import type { RequestResult } from '../../session/sessionClient.js';
import { Icon } from '../ui/Icon.js';
import { formatTime, requestErrorText } from './text.js';
import { useTimerView } from './useTimerView.js';
import { Button } from '../ui/Button.js';

const MAX_MINUTES = TIMER_MAX_MS / 60_000;
/**
 * The facilitator's tools, in their drawer: the queue of raised hands and break requests, the
 * agenda (the template's sections, "Go to this step"), the timer, lock and anonymity. Everything
 * here is a request the server checks, applies for everyone, and (where it changes what the group
 * can do) writes to the log anyone can read. New hands and breaks are announced by the session
 * bar (SessionBar's AttentionChip), wherever the facilitator is.
 */
export function FacilitatorTools({ fac }: { fac: Facilitation }) {
  const { t } = useTranslation();
  const { sections, lang } = useBoard();
  const id = useId();
  const stepList = useRef<HTMLOListElement>(null);
  const [minutes, setMinutes] = useState('5');
  const [minutesError, setMinutesError] = useState(false);
  const [feedback, setFeedback] = useState('');
  const [busy, setBusy] = useState(false);
  /** The anonymity box shows the choice at once; the server's answer then confirms or undoes it. */
  const [pendingAnonymous, setPendingAnonymous] = useState<boolean | null>(null);

  const state = fac.state;
  const timer = useTimerView(state?.timer, fac.clockOffset);
  const hands = state?.hands ?? [];
  const breaks = fac.breaks ?? [];
  const nameOf = (participantId: string) => fac.people?.find((p) => p.participantId === participantId)?.name ?? t('log.someone');

  async function run<T>(action: () => Promise<RequestResult<T>>, success = ''): Promise<boolean> {
    setBusy(true);
    const r = await action();
    setBusy(false);
    setFeedback(r.ok ? success : requestErrorText(t, r.code));
    return r.ok;
  }

  function setTimer(e: FormEvent) {
    e.preventDefault();
    const m = Number(minutes.replace(',', '.'));
    if (!Number.isFinite(m) || m < 1 || m > MAX_MINUTES) {
      setMinutesError(true);
      return;
    }
    setMinutesError(false);
    void run(() => fac.request('timer:set', { durationMs: Math.round(m * 60) * 1000 }));
  }

  const running = timer.phase === 'running';

  return (
    <div className="ftools">
      <p className="ftools__hint">{t('facilitation.barHint')}</p>

      <section className="ftools__group ftools__queue" aria-labelledby={`${id}-queue`}>
        <h3 className="ftools__heading" id={`${id}-queue`}>
          <Icon name="hand" /> {t('facilitation.queue')}
        </h3>
        <h4 className="ftools__sub-heading">
          {t('hands.queue')}
          {hands.length > 0 && <span className="visually-hidden">: {t('hands.count', { count: hands.length })}</span>}
        </h4>
        {hands.length === 0 ? (
          <p className="ftools__empty">{t('hands.queueEmpty')}</p>
        ) : (
          <ol className="fbar__queue">
            {hands.map((h) => {
              const name = nameOf(h.participantId);
              return (
                <li key={h.participantId} className="fbar__queue-item">
                  <span className="fbar__queue-text">
                    <strong>{name}</strong>{' '}
                    <span className="fbar__queue-time">{t('hands.since', { time: formatTime(h.raisedAt, lang) })}</span>
                  </span>
                  <Button
                    size="sm"
                    disabled={busy}
                    aria-label={`${t('hands.done')}: ${name}`}
                    onClick={() => void run(() => fac.request('hand:clear', { participantId: h.participantId }))}
                  >
                    {t('hands.done')}
                  </Button>
                </li>
              );
            })}
          </ol>
        )}
        <h4 className="ftools__sub-heading">{t('breaks.queue')}</h4>
        {breaks.length === 0 ? (
          <p className="ftools__empty">{t('breaks.queueEmpty')}</p>
        ) : (
          <ul className="fbar__queue">
            {breaks.map((b) => {
              const who = b.name ?? t('breaks.anonymous');
              return (
                <li key={b.id} className="fbar__queue-item fbar__queue-item--break">
                  <span className="fbar__queue-text">
                    <strong>{who}</strong> <span className="fbar__queue-time">{t('breaks.at', { time: formatTime(b.at, lang) })}</span>
                  </span>
                  <Button
                    size="sm"
                    disabled={busy}
                    aria-label={`${t('breaks.done')}: ${who}`}
                    onClick={() => void run(() => fac.request('break:clear', { id: b.id }))}
                  >
                    {t('breaks.done')}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="ftools__group" aria-labelledby={`${id}-steps`}>
        <h3 className="ftools__heading" id={`${id}-steps`}>
          <Icon name="flag" /> {t('facilitation.steps')}
        </h3>
        <ol className="ftools__steps" ref={stepList}>
          {sections.map((s, i) => {
            const current = state?.step === s.id;
            const title = pick(s.title, lang);
            return (
              <li
                key={s.id}
                className={`ftools__step${current ? ' ftools__step--current' : ''}`}
                aria-current={current ? 'step' : undefined}
              >
                <span className="ftools__step-number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="ftools__step-title">
                  <span className="visually-hidden">{t('facilitation.stepNumber', { number: i + 1 })}: </span>
                  {title}
                </span>
                {current ? (
                  <span className="badge badge--current" tabIndex={-1} data-current-step="">
                    <Icon name="check" size="sm" /> {t('facilitation.currentStep')}
                  </span>
                ) : (
                  <Button
                    size="sm"
                    disabled={busy || !state}
                    aria-label={`${t('facilitation.goToStep')}: ${title}`}
                    onClick={async () => {
                      // The button becomes the "Current step" mark: focus moves to it, not to the page.
                      if (await run(() => fac.request('step:set', { step: s.id }))) {
                        requestAnimationFrame(() => stepList.current?.querySelector<HTMLElement>('[data-current-step]')?.focus());
                      }
                    }}
                  >
                    {t('ui.goShort')}
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
      </section>

      <section className="ftools__group" aria-labelledby={`${id}-timer`}>
        <h3 className="ftools__heading" id={`${id}-timer`}>
          <Icon name="clock" /> {t('timer.heading')}
        </h3>
        <form className="fbar__timer-form" onSubmit={setTimer} noValidate>
          <div className="fbar__field">
            <label className="fbar__label" htmlFor={`${id}-minutes`}>
              {t('timer.minutes')}
            </label>
            <input
              id={`${id}-minutes`}
              className="input input--small fbar__minutes"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_MINUTES}
              step={1}
              value={minutes}
              aria-invalid={minutesError || undefined}
              aria-describedby={minutesError ? `${id}-minutes-error` : undefined}
              onChange={(e) => setMinutes(e.target.value)}
            />
          </div>
          <Button type="submit" disabled={busy || !state}>
            {t('timer.set')}
          </Button>
        </form>
        {minutesError && (
          <p className="fbar__error" id={`${id}-minutes-error`}>
            {t('timer.minutesInvalid', { max: MAX_MINUTES })}
          </p>
        )}
        <p className="fbar__timer-now">
          {timer.phase === 'none' ? (
            t('timer.none')
          ) : (
            <>
              <span className="fbar__clock">{timer.text}</span> {t(`timer.${timer.phase}`)}
            </>
          )}
        </p>
        <div className="fbar__buttons">
          <Button
            variant="primary"
            disabled={busy || timer.phase === 'none' || timer.phase === 'ended'}
            onClick={() => void run(() => fac.request('timer:run', { running: !running }))}
          >
            <Icon name={running ? 'pause' : 'play'} /> {running ? t('timer.pause') : t('timer.start')}
          </Button>
          <Button disabled={busy || timer.phase === 'none'} onClick={() => void run(() => fac.request('timer:add', { ms: 60_000 }))}>
            {t('timer.addOne')}
          </Button>
          <Button disabled={busy || timer.phase === 'none'} onClick={() => void run(() => fac.request('timer:add', { ms: 5 * 60_000 }))}>
            {t('timer.addFive')}
          </Button>
          <Button disabled={busy || timer.phase === 'none'} onClick={() => void run(() => fac.request('timer:set', { durationMs: null }))}>
            {t('timer.clear')}
          </Button>
        </div>
      </section>

      <section className="ftools__group" aria-labelledby={`${id}-board`}>
        <h3 className="ftools__heading" id={`${id}-board`}>
          <Icon name={state?.locked ? 'lock' : 'unlock'} /> {t('facilitation.board')}
        </h3>
        <p className="fbar__state">{state?.locked ? t('facilitation.lockedState') : t('facilitation.unlockedState')}</p>
        <Button
          variant={state?.locked ? 'primary' : 'secondary'}
          disabled={busy || !state}
          aria-describedby={`${id}-lock-hint`}
          onClick={() => void run(() => fac.request('board:lock', { locked: !state?.locked }))}
        >
          <Icon name={state?.locked ? 'unlock' : 'lock'} /> {state?.locked ? t('facilitation.unlock') : t('facilitation.lock')}
        </Button>
        <p className="fbar__hint-small" id={`${id}-lock-hint`}>
          {t('facilitation.lockHint')}
        </p>
        <label className="check">
          <input
            type="checkbox"
            checked={pendingAnonymous ?? state?.anonymous ?? false}
            disabled={busy || !state}
            aria-describedby={`${id}-anon-hint`}
            onChange={async (e) => {
              const anonymous = e.target.checked;
              setPendingAnonymous(anonymous);
              await run(() => fac.request('board:anonymous', { anonymous }));
              setPendingAnonymous(null);
            }}
          />
          <span>{t('facilitation.anonymous')}</span>
        </label>
        <p className="fbar__hint-small" id={`${id}-anon-hint`}>
          {t('facilitation.anonymousHint')}
        </p>
      </section>

      <p className="fbar__feedback" role="status">
        {feedback}
      </p>
    </div>
  );
}
