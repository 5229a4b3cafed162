import { memo, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../../shared/i18nText.js';
import { useBoard } from '../../board/BoardContext.js';
import type { Facilitation } from '../../hooks/useFacilitation.js';
import { useBoardUi, useSharedSetting } from '../board/BoardUi.js';
import { Badge } from '../ui/Badge.js';
import { Button, IconButton } from '../ui/Button.js';
import { Dialog } from '../ui/Dialog.js';
import { Icon } from '../ui/Icon.js';
import { useVotingModel } from '../voting/VotingContext.js';
import { requestErrorText } from './text.js';
import { playChime } from './timer.js';
import { useTimerEnd, useTimerView } from './useTimerView.js';

export const FOLLOW_KEY = 'codesign:follow-facilitator';
export const SOUND_KEY = 'codesign:timer-sound';

/** Someone typing in a note or a field: their view is not pulled away from under them. */
export function isTyping(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(el.type));
}

/**
 * The slim bar everyone has, always in view: the current step (views follow it unless the
 * person turns that off; someone typing is offered "Go to step N" instead of being moved), the
 * timer, "votes open", raise hand, "I need a break", and, for facilitators, the raised hands and
 * break requests wherever they are on the board. The board's tools (drawers) sit at its end.
 */
export const SessionBar = memo(function SessionBar({
  fac,
  myId,
  isFacilitator,
  announce,
  tools,
  undo,
}: {
  fac: Facilitation;
  myId: string;
  /** Facilitators lead: their own view is not moved when the step changes. */
  isFacilitator: boolean;
  announce: (message: string) => void;
  /** The toolbar (drawer buttons and menus), at the end of the bar. */
  tools: ReactNode;
  /** Undo and redo, beside the person's own actions. */
  undo: ReactNode;
}) {
  const { t } = useTranslation();
  const { sections, lang } = useBoard();
  const ui = useBoardUi();
  const vote = useVotingModel();
  const id = useId();
  const [follow] = useSharedSetting(FOLLOW_KEY, true);
  const [sound] = useSharedSetting(SOUND_KEY, false);
  const [breakOpen, setBreakOpen] = useState(false);
  const [breakAnonymous, setBreakAnonymous] = useState(false);
  const [feedback, setFeedback] = useState('');
  const [busy, setBusy] = useState(false);
  /** The step the group moved to while this person was typing: offered, not forced. */
  const [offer, setOffer] = useState<string | null>(null);
  const breakButton = useRef<HTMLButtonElement>(null);

  const state = fac.state;
  const step = state?.step ?? null;
  const stepIndex = step ? sections.findIndex((s) => s.id === step) : -1;
  const stepSection = stepIndex >= 0 ? sections[stepIndex] : null;
  const timer = useTimerView(state?.timer, fac.clockOffset);
  const handIndex = state?.hands.findIndex((h) => h.participantId === myId) ?? -1;
  const handUp = handIndex >= 0;

  // Follow the step: show it and say so. Nothing is announced for the step the page opened on.
  const followRef = useRef(follow && !isFacilitator);
  followRef.current = follow && !isFacilitator;
  const showRef = useRef(ui.showSection);
  showRef.current = ui.showSection;
  const lastStep = useRef<string | null | undefined>(undefined);
  const ready = state !== null && sections.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: sections and language are read at the moment the step changes only.
  useEffect(() => {
    if (!ready) return;
    const previous = lastStep.current;
    lastStep.current = step;
    if (previous === step) return;
    setOffer(null);
    if (step === null) {
      if (previous !== undefined) announce(t('facilitation.stepCleared'));
      return;
    }
    const index = sections.findIndex((s) => s.id === step);
    if (index < 0) return;
    if (previous !== undefined) {
      announce(t('facilitation.movedTo', { number: index + 1, total: sections.length, title: pick(sections[index].title, lang) }));
    }
    if (!followRef.current) return;
    if (isTyping()) setOffer(step);
    else showRef.current(step);
  }, [step, ready]);

  // "The facilitator has been told" fades after a while; errors stay until the next try.
  useEffect(() => {
    if (feedback !== t('breaks.sent')) return;
    const timerId = window.setTimeout(() => setFeedback(''), 10_000);
    return () => window.clearTimeout(timerId);
  }, [feedback, t]);

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

  const offerIndex = offer ? sections.findIndex((s) => s.id === offer) : -1;
  const compact = ui.layout === 'single';
  const { bar, info, actions, level } = useBarFit(ui.layout);

  return (
    <section ref={bar} className="session-bar" data-fit={level} aria-label={t('facilitation.sessionLabel')}>
      <div ref={info} className="session-bar__info">
        <p className={`session-bar__step${compact ? ' visually-hidden' : ''}`}>
          <span className="visually-hidden">{t('facilitation.currentStep')}: </span>
          {stepSection && compact ? (
            <span>
              {t('facilitation.stepOf', { number: stepIndex + 1, total: sections.length })} {pick(stepSection.title, lang)}
            </span>
          ) : stepSection ? (
            <button
              type="button"
              className="session-chip session-chip--step"
              onClick={() => ui.showSection(stepSection.id, { focus: true })}
            >
              <Icon name="flag" />
              <span className="session-chip__text">
                <span className="session-bar__step-number">
                  {t('facilitation.stepOf', { number: stepIndex + 1, total: sections.length })}
                </span>{' '}
                <span className="session-bar__step-title">{pick(stepSection.title, lang)}</span>
              </span>
            </button>
          ) : (
            <span className="session-chip session-chip--none">{t('ui.noStep')}</span>
          )}
        </p>

        <p className={`session-timer session-timer--${timer.phase}${compact && timer.phase === 'none' ? ' visually-hidden' : ''}`}>
          <span className="visually-hidden" id={`${id}-timer-label`}>
            {t('timer.label')}
          </span>
          <Icon name={timer.phase === 'ended' ? 'alert' : 'clock'} />
          {timer.phase === 'none' ? (
            <span className="session-timer__none">{t('timer.none')}</span>
          ) : (
            <>
              <span className="session-timer__clock" role="timer" aria-labelledby={`${id}-timer-label`} data-testid="timer-clock">
                {timer.text}
              </span>
              {timer.phase !== 'running' && <span className="session-timer__phase">{t(`timer.${timer.phase}`)}</span>}
              {timer.phase === 'running' && <span className="visually-hidden">{t('timer.running')}</span>}
            </>
          )}
        </p>

        {vote?.round && !compact && (
          <button
            type="button"
            className="session-chip session-chip--vote"
            aria-expanded={ui.drawer === 'vote'}
            onClick={() => ui.openDrawer('vote', { toggle: true })}
          >
            <Icon name="vote" />
            <span className="session-chip__text">{t('ui.voteOpen')}</span>
          </button>
        )}

        {isFacilitator && <AttentionChip fac={fac} announce={announce} />}

        {state?.anonymous && (
          <Badge icon="eyeOff" className="session-bar__anon" title={compact ? t('facilitation.anonymousOn') : undefined}>
            <span className={compact ? 'visually-hidden' : undefined}>{t('facilitation.anonymousOn')}</span>
          </Badge>
        )}
      </div>

      <div ref={actions} className="session-bar__actions" role="group" aria-label={t('ui.myActions')}>
        <Button
          size="sm"
          variant={handUp ? 'primary' : 'quiet'}
          className="tool-button"
          aria-describedby={handUp ? `${id}-hand` : undefined}
          disabled={busy}
          onClick={() => void toggleHand()}
        >
          <Icon name="hand" />
          <span className={compact ? 'visually-hidden' : 'tool-button__text'}>{handUp ? t('hands.lower') : t('hands.raise')}</span>
        </Button>
        <Button
          size="sm"
          variant="quiet"
          ref={breakButton}
          className="tool-button"
          aria-haspopup="dialog"
          onClick={() => {
            setBreakOpen(true);
            setFeedback('');
          }}
        >
          <Icon name="cup" />
          <span className={compact ? 'visually-hidden' : 'tool-button__text'}>{t('breaks.request')}</span>
        </Button>
        {undo}
      </div>

      {tools}

      {offer && offerIndex >= 0 && (
        <div className="session-bar__offer" role="group" aria-label={t('ui.followOffer')}>
          <Button
            size="sm"
            variant="primary"
            icon="arrowRight"
            onClick={() => {
              setOffer(null);
              ui.showSection(offer, { focus: true });
            }}
          >
            {t('ui.goToStep', { number: offerIndex + 1 })}
          </Button>
          <IconButton icon="x" label={t('ui.stayHere')} size="sm" onClick={() => setOffer(null)} />
        </div>
      )}

      {handUp && (
        <p className="session-bar__hand" id={`${id}-hand`}>
          {t('hands.yourHandUp', { position: handIndex + 1 })}
        </p>
      )}
      <p className="session-bar__feedback" role="status">
        {feedback}
      </p>

      <Dialog
        open={breakOpen}
        onClose={() => setBreakOpen(false)}
        title={t('breaks.request')}
        intro={t('breaks.formHint')}
        footer={
          <>
            <Button variant="primary" disabled={busy} onClick={() => void sendBreak()}>
              {t('breaks.send')}
            </Button>
            <Button
              onClick={() => {
                setBreakOpen(false);
                breakButton.current?.focus();
              }}
            >
              {t('breaks.cancel')}
            </Button>
          </>
        }
      >
        <label className="check">
          <input type="checkbox" checked={breakAnonymous} onChange={(e) => setBreakAnonymous(e.target.checked)} />
          <span>{t('breaks.hideName')}</span>
        </label>
      </Dialog>
    </section>
  );
});

/**
 * Keeps the bar to one line: when it would wrap, the tools' labels go (their names stay, as
 * tooltips and for assistive tech), then the labels of "Raise hand" and "I need a break". They
 * come back when there is room again (a wider window, or a shorter language).
 */
function useBarFit(layout: string) {
  const { i18n } = useTranslation();
  const bar = useRef<HTMLElement>(null);
  const info = useRef<HTMLDivElement>(null);
  const actions = useRef<HTMLDivElement>(null);
  const [level, setLevel] = useState(0);
  /** The bar's width when each level was needed (to know when there is room again). */
  const neededAt = useRef<number[]>([]);

  useEffect(() => {
    const reset = () => {
      neededAt.current = [];
      setLevel(0);
    };
    i18n.on('languageChanged', reset);
    return () => i18n.off('languageChanged', reset);
  }, [i18n]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of layout or level moves the parts; measure again.
  useLayoutEffect(() => {
    const el = bar.current;
    if (!el) return;
    const check = () => {
      const parts = [info.current, actions.current, el.querySelector<HTMLElement>('.board-tools')].filter((x): x is HTMLElement => !!x);
      if (parts.length === 0) return;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 18;
      const top = Math.min(...parts.map((p) => p.offsetTop));
      const bottom = Math.max(...parts.map((p) => p.offsetTop + p.offsetHeight));
      const wraps = bottom - top > 3.4 * rem;
      const width = el.clientWidth;
      setLevel((l) => {
        if (wraps && l < 2) {
          neededAt.current[l] = width;
          return l + 1;
        }
        if (!wraps && l > 0 && width > (neededAt.current[l - 1] ?? Infinity) + 16) return l - 1;
        return l;
      });
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (info.current) observer.observe(info.current);
    return () => observer.disconnect();
  }, [layout, level]);

  return { bar, info, actions, level };
}

/**
 * For facilitators, wherever they are on the board: how many hands are up and breaks asked
 * for (a badge that opens the facilitator tools), and a polite announcement for each new one.
 */
function AttentionChip({ fac, announce }: { fac: Facilitation; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const ui = useBoardUi();
  // The same gentle chime as the timer's end, if this person turned sound on.
  const [sound] = useSharedSetting(SOUND_KEY, false);
  const state = fac.state;
  const hands = state?.hands ?? [];
  const breaks = fac.breaks ?? [];
  const nameOf = (participantId: string) => fac.people?.find((p) => p.participantId === participantId)?.name ?? t('log.someone');

  // New hands and break requests are announced (not the ones there on arrival).
  const known = useRef<{ hands: Set<string>; breaks: Set<string> } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new hand or break is announced; names and language are read at that moment.
  useEffect(() => {
    if (!state || fac.breaks === null) return;
    const prev = known.current;
    known.current = { hands: new Set(hands.map((h) => h.participantId)), breaks: new Set(breaks.map((b) => b.id)) };
    if (!prev) return;
    let fresh = false;
    for (const h of hands) {
      if (prev.hands.has(h.participantId)) continue;
      fresh = true;
      announce(t('hands.raisedAnnounce', { name: nameOf(h.participantId) }));
    }
    for (const b of breaks) {
      if (prev.breaks.has(b.id)) continue;
      fresh = true;
      announce(b.name ? t('breaks.announceNamed', { name: b.name }) : t('breaks.announce'));
    }
    if (fresh && sound) playChime();
  }, [state?.hands, fac.breaks]);

  if (hands.length === 0 && breaks.length === 0) return null;
  const parts = [
    hands.length > 0 ? t('hands.count', { count: hands.length }) : '',
    breaks.length > 0 ? t('breaks.count', { count: breaks.length }) : '',
  ].filter(Boolean);
  return (
    <button
      type="button"
      className="session-chip session-chip--attention"
      aria-expanded={ui.drawer === 'facilitate'}
      onClick={() => ui.openDrawer('facilitate')}
      data-attention=""
    >
      {hands.length > 0 && (
        <span className="session-chip__count" aria-hidden="true">
          <Icon name="hand" /> {hands.length}
        </span>
      )}
      {breaks.length > 0 && (
        <span className="session-chip__count" aria-hidden="true">
          <Icon name="cup" /> {breaks.length}
        </span>
      )}
      <span className="visually-hidden">{parts.join(' · ')}</span>
    </button>
  );
}
