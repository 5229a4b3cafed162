import { useEffect, useMemo, useRef, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, deleteAction, getActionText, updateAction, type ActionStatus } from '../../../../shared/actionPlan.js';
import { LIMITS } from '../../../../shared/limits.js';
import { useBoard, useBoardCore } from '../../board/BoardContext.js';
import { useNote } from '../../hooks/useBoardModel.js';
import { focusById, focusNoteControl } from '../../board/focus.js';
import type { ActionMeta } from '../../hooks/useActions.js';
import { useNoteText } from '../../hooks/useNoteText.js';
import { useNoteTextBinding } from '../../hooks/useNoteTextBinding.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { Icon } from '../ui/Icon.js';
import { shortLine } from '../plan/format.js';
import { StatusIcon } from '../ui/Icon.js';
import { useEasyRead } from '../../hooks/useEasyRead.js';
import { Button } from '../ui/Button.js';

/** Most characters in "who" and "by when": plenty for "Carers’ forum with Siân and the ward manager". */
export const ACTION_FIELD_MAX = LIMITS.titleMax;

/** Element ids of an action's controls, so other parts of the board can move focus to them. */
export const actionControlId = (actionId: string, control: 'what' | 'who' | 'due' | 'status' | 'delete' | 'keep') =>
  `action-${control}-${actionId}`;

/**
 * A plain text field over a shared string (who, by when). While the person is typing, their own
 * text stays put; every change is written to the doc at once, so others see it live. When the
 * field is left it shows the shared value again (someone else may have changed it meanwhile).
 */
function SharedTextField({
  value,
  onValue,
  ...props
}: { value: string; onValue: (value: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      {...props}
      type="text"
      value={draft ?? value}
      onFocus={(e) => {
        setDraft(value);
        props.onFocus?.(e);
      }}
      onChange={(e) => {
        setDraft(e.target.value);
        onValue(e.target.value);
      }}
      onBlur={(e) => {
        setDraft(null);
        props.onBlur?.(e);
      }}
    />
  );
}

/** A link to a note the action came from: it moves focus to that note on the board. */
function SourceNote({ noteId }: { noteId: string }) {
  const { t } = useTranslation();
  const { doc } = useBoardCore();
  const text = useNoteText(doc, noteId);
  const note = useNote(doc, noteId);
  if (text === null || !note) return <li className="action__source action__source--gone">{t('actions.sourceGone')}</li>;
  return (
    <li className="action__source">
      <a
        href={`#section-${note.sectionId}`}
        onClick={(e) => {
          e.preventDefault();
          focusNoteControl(noteId, 'text');
        }}
      >
        <span className="visually-hidden">{t('actions.goToNote')} </span>“{shortLine(text, 70) || t('actions.emptyNote')}”
      </a>
    </li>
  );
}

/** One action of the shared plan: what (shared text), who, by when, status, the notes it came from. */
export function ActionItem({ action, number, nextId }: { action: ActionMeta; number: number; nextId: string | null }) {
  const { t } = useTranslation();
  const { te } = useEasyRead();
  const { doc, undoManager, announce } = useBoard();
  const { readOnly } = useFacilitationView();
  const [confirming, setConfirming] = useState(false);
  // Focus follows the confirmation: to "No, keep it" when it opens, back to Delete when kept.
  const focusAfterConfirm = useRef<'keep' | 'delete' | null>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change of `confirming`, when the buttons it focuses exist.
  useEffect(() => {
    const target = focusAfterConfirm.current;
    focusAfterConfirm.current = null;
    if (target === 'keep') keepRef.current?.focus();
    else if (target === 'delete') deleteRef.current?.focus();
  }, [confirming]);
  const whatRef = useRef<HTMLTextAreaElement>(null);
  const ytext = useMemo(() => getActionText(doc, action.id), [doc, action.id]);
  useNoteTextBinding(ytext, whatRef);

  const id = (control: Parameters<typeof actionControlId>[1]) => actionControlId(action.id, control);
  const suffix = <span className="visually-hidden">{t('actions.fieldSuffix', { number })}</span>;
  const headingId = `action-heading-${action.id}`;

  function set(fields: Parameters<typeof updateAction>[2]) {
    updateAction(doc, action.id, fields);
  }

  function remove() {
    undoManager.stopCapturing();
    deleteAction(doc, action.id);
    undoManager.stopCapturing();
    announce(t('actions.deleted', { number }));
    focusById(nextId ? actionControlId(nextId, 'delete') : 'action-add');
  }

  return (
    <li className={`action action--${action.status}`} data-action-id={action.id}>
      <div className="action__head">
        <h3 className="action__title" id={headingId}>
          {t('actions.itemHeading', { number })}
        </h3>
        <span className="action__badge" aria-hidden="true">
          <StatusIcon status={action.status} /> {te(`actions.status.${action.status}`)}
        </span>
      </div>

      <div className="action__field action__field--what">
        <label className="action__label" htmlFor={id('what')}>
          {t('actions.what')}
          {suffix}
        </label>
        <textarea
          ref={whatRef}
          id={id('what')}
          className="action__what"
          rows={2}
          maxLength={LIMITS.noteTextMax}
          readOnly={readOnly}
          placeholder={t('actions.whatPlaceholder')}
          spellCheck
          onFocus={() => undoManager.stopCapturing()}
        />
      </div>

      <div className="action__row">
        <div className="action__field">
          <label className="action__label" htmlFor={id('who')}>
            {t('actions.who')}
            {suffix}
          </label>
          <p className="action__hint" id={`${id('who')}-hint`}>
            {t('actions.whoHint')}
          </p>
          <SharedTextField
            id={id('who')}
            className="input input--small"
            value={action.who}
            onValue={(who) => set({ who })}
            onFocus={() => undoManager.stopCapturing()}
            maxLength={ACTION_FIELD_MAX}
            readOnly={readOnly}
            autoComplete="off"
            aria-describedby={`${id('who')}-hint`}
          />
        </div>
        <div className="action__field">
          <label className="action__label" htmlFor={id('due')}>
            {t('actions.due')}
            {suffix}
          </label>
          <p className="action__hint" id={`${id('due')}-hint`}>
            {t('actions.dueHint')}
          </p>
          <SharedTextField
            id={id('due')}
            className="input input--small"
            value={action.due}
            onValue={(due) => set({ due })}
            onFocus={() => undoManager.stopCapturing()}
            maxLength={ACTION_FIELD_MAX}
            readOnly={readOnly}
            autoComplete="off"
            inputMode="text"
            aria-describedby={`${id('due')}-hint`}
          />
        </div>
        <div className="action__field">
          <label className="action__label" htmlFor={id('status')}>
            {t('actions.statusLabel')}
            {suffix}
          </label>
          <select
            id={id('status')}
            className="select action__status"
            value={action.status}
            disabled={readOnly}
            onChange={(e) => {
              undoManager.stopCapturing();
              set({ status: e.target.value as ActionStatus });
              undoManager.stopCapturing();
            }}
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`actions.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {action.noteIds.length > 0 && (
        <div className="action__sources">
          <p className="action__label" id={`${headingId}-from`}>
            {t('actions.cameFrom', { count: action.noteIds.length })}
          </p>
          <ul aria-labelledby={`${headingId}-from`}>
            {action.noteIds.map((noteId) => (
              <SourceNote key={noteId} noteId={noteId} />
            ))}
          </ul>
        </div>
      )}

      {!readOnly && (
        <div className="action__delete">
          {!confirming ? (
            <Button
              variant="danger"
              size="sm"
              id={id('delete')}
              ref={deleteRef}
              onClick={() => {
                focusAfterConfirm.current = 'keep';
                setConfirming(true);
              }}
            >
              <Icon name="trash" /> {t('actions.delete')}
              {suffix}
            </Button>
          ) : (
            <div className="confirm" role="group" aria-labelledby={`${headingId}-confirm`}>
              <p id={`${headingId}-confirm`} className="confirm__question">
                {t('actions.confirmDelete', { number })}
              </p>
              <div className="confirm__buttons">
                <Button variant="danger" size="sm" onClick={remove}>
                  {t('actions.confirmYes')}
                </Button>
                <Button
                  size="sm"
                  id={id('keep')}
                  ref={keepRef}
                  onClick={() => {
                    focusAfterConfirm.current = 'delete';
                    setConfirming(false);
                  }}
                >
                  {t('actions.confirmNo')}
                </Button>
              </div>
            </div>
          )}
        </div>
      )}
    </li>
  );
}
