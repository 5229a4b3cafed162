import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../../shared/i18nText.js';
import { LIMITS } from '../../../../shared/limits.js';
import { VOTE_BUDGET } from '../../../../shared/votes.js';
import { useBoard } from '../../board/BoardContext.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { Button } from '../ui/Button.js';
import { Dialog } from '../ui/Dialog.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { voteErrorText } from './text.js';
import { useVotingModel } from './VotingContext.js';

/**
 * Facilitator: "Start a vote". A modal dialog (focus stays inside, Escape closes it) asking what
 * the vote is about, which sections, how many dots each, and optionally the most dots one person
 * may put on one note. Its buttons stay in view however short the screen.
 */
export function StartVoteDialog({ open, onClose, onStarted }: { open: boolean; onClose: () => void; onStarted: () => void }) {
  const { t } = useTranslation();
  const { sections, lang } = useBoard();
  const model = useVotingModel();
  const { currentStep } = useFacilitationView();
  const id = useId();
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [step, setStep] = useState<string | null>(null);
  const [budget, setBudget] = useState(String(VOTE_BUDGET.default));
  const [useCap, setUseCap] = useState(false);
  const [cap, setCap] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the form is reset when the dialog opens only, not while it is being filled in.
  useEffect(() => {
    if (!open) return;
    // Fresh each time: the title suggestion, and the section the group is on (or all).
    setTitle(t('vote.start.defaultTitle'));
    setBudget(String(VOTE_BUDGET.default));
    setUseCap(false);
    setCap('1');
    setError(null);
    const choose = (current: string | null) => {
      const known = current !== null && sections.some((s) => s.id === current);
      setStep(known ? current : null);
      setChosen(new Set(known ? [current] : sections.map((s) => s.id)));
    };
    choose(currentStep);
    // Ask the server too, in case this view has not heard the step yet.
    if (!currentStep) void model?.getStep().then((step) => step && choose(step));
  }, [open]);

  if (!model) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || !model) return;
    const budgetN = Number(budget);
    const capN = Number(cap);
    if (!title.trim()) return setError(t('vote.start.needTitle'));
    if (chosen.size === 0) return setError(t('vote.start.needSection'));
    if (!Number.isInteger(budgetN) || budgetN < VOTE_BUDGET.min || budgetN > VOTE_BUDGET.max) {
      return setError(t('vote.start.budgetRange', { min: VOTE_BUDGET.min, max: VOTE_BUDGET.max }));
    }
    if (useCap && (!Number.isInteger(capN) || capN < 1 || capN > budgetN)) {
      return setError(t('vote.start.capRange', { max: budgetN }));
    }
    setBusy(true);
    setError(null);
    const res = await model.openRound({
      title: title.trim(),
      sectionIds: sections.filter((s) => chosen.has(s.id)).map((s) => s.id),
      budget: budgetN,
      perNoteCap: useCap ? capN : null,
    });
    setBusy(false);
    if (res.ok) onStarted();
    else setError(voteErrorText(t, res.code));
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('vote.start.heading')}
      intro={t('vote.start.intro')}
      className="vote-dialog"
      onSubmit={(e) => void submit(e)}
      footer={
        <>
          <Button type="submit" variant="primary" aria-disabled={busy}>
            {busy ? t('vote.start.starting') : t('vote.start.submit')}
          </Button>
          <Button onClick={onClose}>{t('vote.start.cancel')}</Button>
        </>
      }
    >
      <div className="vote-dialog__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-title`}>
            {t('vote.start.titleLabel')}
          </label>
          <p className="field__hint" id={`${id}-title-hint`}>
            {t('vote.start.titleHint')}
          </p>
          <input
            id={`${id}-title`}
            className="input"
            value={title}
            maxLength={LIMITS.titleMax}
            aria-describedby={`${id}-title-hint`}
            autoComplete="off"
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>

        <fieldset className="field">
          <legend className="field__label">{t('vote.start.sectionsLabel')}</legend>
          <p className="field__hint">{t('vote.start.sectionsHint')}</p>
          <div className="check-list">
            {sections.map((s) => (
              <label key={s.id} className="check-option">
                <input
                  type="checkbox"
                  checked={chosen.has(s.id)}
                  onChange={(e) =>
                    setChosen((prev) => {
                      const next = new Set(prev);
                      if (e.target.checked) next.add(s.id);
                      else next.delete(s.id);
                      return next;
                    })
                  }
                />
                <span>
                  {pick(s.title, lang)}
                  {step === s.id && <span className="check-option__note"> {t('vote.start.currentStep')}</span>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="field">
          <label className="field__label" htmlFor={`${id}-budget`}>
            {t('vote.start.budgetLabel')}
          </label>
          <p className="field__hint" id={`${id}-budget-hint`}>
            {t('vote.start.budgetHint', { min: VOTE_BUDGET.min, max: VOTE_BUDGET.max })}
          </p>
          <input
            id={`${id}-budget`}
            className="input input--number"
            type="number"
            inputMode="numeric"
            min={VOTE_BUDGET.min}
            max={VOTE_BUDGET.max}
            step={1}
            value={budget}
            aria-describedby={`${id}-budget-hint`}
            onChange={(e) => setBudget(e.target.value)}
          />
        </div>

        <div className="field">
          <label className="check-option">
            <input type="checkbox" checked={useCap} onChange={(e) => setUseCap(e.target.checked)} />
            <span>{t('vote.start.capToggle')}</span>
          </label>
          {useCap && (
            <div className="vote-dialog__cap">
              <label className="field__label" htmlFor={`${id}-cap`}>
                {t('vote.start.capLabel')}
              </label>
              <input
                id={`${id}-cap`}
                className="input input--number"
                type="number"
                inputMode="numeric"
                min={1}
                max={VOTE_BUDGET.max}
                step={1}
                value={cap}
                onChange={(e) => setCap(e.target.value)}
              />
            </div>
          )}
        </div>

        <ErrorMessage>{error}</ErrorMessage>
      </div>
    </Dialog>
  );
}
