import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteNote, getNoteText, moveNote, setNoteColour, setNoteGroup } from '../../../shared/boardDoc.js';
import { pick } from '../../../shared/i18nText.js';
import { useBoard } from '../board/BoardContext.js';
import { focusById, focusNoteControl } from '../board/focus.js';
import type { NoteMeta } from '../hooks/useBoardModel.js';
import { ColourPicker } from './ColourPicker.js';
import { Icon } from './ui/Icon.js';
import { TurnIntoActionButton } from './actions/TurnIntoActionButton.js';
import { useEasyRead } from '../hooks/useEasyRead.js';
import { Button } from './ui/Button.js';

/** A note's less frequent actions: colour, move to another section, group, delete. */
export function NoteOptions({ note, id }: { note: NoteMeta; id: string }) {
  const { t } = useTranslation();
  const { te } = useEasyRead();
  const { doc, undoManager, sections, groups, lang, announce } = useBoard();
  const [confirming, setConfirming] = useState(false);
  const otherSections = sections.filter((s) => s.id !== note.sectionId);
  const sectionGroups = groups.filter((g) => g.sectionId === note.sectionId);

  function remove() {
    undoManager.stopCapturing();
    deleteNote(doc, note.id);
    undoManager.stopCapturing();
    announce(t('note.deleted'));
    focusById(`add-note-${note.sectionId}`);
  }

  return (
    <div className="note-options" id={id}>
      <TurnIntoActionButton noteId={note.id} />
      <ColourPicker
        value={note.colour}
        onChange={(c) => {
          undoManager.stopCapturing();
          setNoteColour(doc, note.id, c);
        }}
      />

      {otherSections.length > 0 && (
        <fieldset className="note-options__moves">
          <legend className="note-options__label">{te('note.moveToSection')}</legend>
          <ul className="note-options__move-list">
            {otherSections.map((s) => (
              <li key={s.id}>
                <Button
                  size="sm"
                  block
                  onClick={() => {
                    undoManager.stopCapturing();
                    moveNote(doc, note.id, s.id);
                    undoManager.stopCapturing();
                    announce(t('note.movedTo', { section: pick(s.title, lang) }));
                    focusNoteControl(note.id, 'options');
                  }}
                >
                  <Icon name="move" /> {pick(s.title, lang)}
                </Button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      <div className="note-options__field">
        <label className="note-options__label" htmlFor={`${id}-group`}>
          {t('note.group')}
        </label>
        {sectionGroups.length > 0 ? (
          <select
            id={`${id}-group`}
            className="select"
            data-focus="group"
            value={note.groupId ?? ''}
            onChange={(e) => {
              undoManager.stopCapturing();
              setNoteGroup(doc, note.id, e.target.value || null);
              focusNoteControl(note.id, 'group');
            }}
          >
            <option value="">{t('note.noGroup')}</option>
            {sectionGroups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title || t('noteGroup.untitled')}
              </option>
            ))}
          </select>
        ) : (
          <p className="note-options__hint" id={`${id}-group`}>
            {t('note.noGroupsYet')}
          </p>
        )}
      </div>

      <div className="note-options__delete">
        {!confirming ? (
          <Button
            variant="danger"
            size="sm"
            data-focus="delete"
            onClick={() => {
              const text = getNoteText(doc, note.id)?.toString() ?? '';
              if (!text.trim()) remove();
              else {
                setConfirming(true);
                focusById(`${id}-keep`);
              }
            }}
          >
            <Icon name="trash" /> {te('note.delete')}
          </Button>
        ) : (
          <div className="confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`} className="confirm__question">
              {t('note.confirmDelete')}
            </p>
            <div className="confirm__buttons">
              <Button variant="danger" size="sm" onClick={remove}>
                {t('note.confirmYes')}
              </Button>
              <Button
                size="sm"
                id={`${id}-keep`}
                onClick={() => {
                  setConfirming(false);
                  focusNoteControl(note.id, 'delete');
                }}
              >
                {t('note.confirmNo')}
              </Button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
