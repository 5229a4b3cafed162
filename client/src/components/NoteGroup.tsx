import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteGroup, renameGroup, type GroupView } from '../../../shared/boardDoc.js';
import { LIMITS } from '../../../shared/limits.js';
import { useBoard } from '../board/BoardContext.js';
import { focusById } from '../board/focus.js';
import { usePlaceNotes } from '../hooks/useBoardModel.js';
import { Icon } from './ui/Icon.js';
import { NoteList } from './NoteList.js';
import { useFacilitationView } from './facilitation/FacilitationViewContext.js';
import { Button, IconButton } from './ui/Button.js';

/** Groups this person just created start in rename mode. */
export const newGroupIds = new Set<string>();

/** A named group of notes inside a section: rename, delete (its notes stay), and its notes. */
export function NoteGroup({ group, firstNumber, sectionTitle }: { group: GroupView; firstNumber: number; sectionTitle: string }) {
  const { t } = useTranslation();
  const { doc, undoManager, announce } = useBoard();
  const notes = usePlaceNotes(doc, group.sectionId, group.id);
  const { readOnly } = useFacilitationView();
  const [editing, setEditing] = useState(() => newGroupIds.has(group.id));
  const [draft, setDraft] = useState(group.title);
  const title = group.title || t('noteGroup.untitled');
  const inputId = `group-title-${group.id}`;
  const headingId = `group-heading-${group.id}`;

  function save() {
    newGroupIds.delete(group.id);
    const next = draft.trim();
    if (next && next !== group.title) {
      undoManager.stopCapturing();
      renameGroup(doc, group.id, next);
    }
    setEditing(false);
    focusById(`group-rename-${group.id}`);
  }

  return (
    <div className="note-group" role="group" aria-labelledby={headingId}>
      <div className="note-group__head">
        {editing && !readOnly ? (
          <form
            className="note-group__rename"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <label className="visually-hidden" htmlFor={inputId} id={headingId}>
              {t('noteGroup.nameLabel')}
            </label>
            <input
              id={inputId}
              className="input input--small"
              value={draft}
              maxLength={LIMITS.titleMax}
              autoComplete="off"
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  newGroupIds.delete(group.id);
                  setDraft(group.title);
                  setEditing(false);
                  focusById(`group-rename-${group.id}`);
                }
              }}
            />
            <Button size="sm" variant="primary" type="submit">
              {t('noteGroup.save')}
            </Button>
          </form>
        ) : (
          <>
            <h3 className="note-group__title" id={headingId}>
              <Icon name="folder" /> {title}
            </h3>
            <div className="note-group__buttons">
              <IconButton
                icon="pencil"
                label={t('noteGroup.rename', { group: title })}
                id={`group-rename-${group.id}`}
                disabled={readOnly}
                onClick={() => {
                  setDraft(group.title);
                  setEditing(true);
                  focusById(inputId, true);
                }}
              />
              <IconButton
                icon="trash"
                label={t('noteGroup.delete', { group: title })}
                disabled={readOnly}
                onClick={() => {
                  undoManager.stopCapturing();
                  deleteGroup(doc, group.id);
                  undoManager.stopCapturing();
                  announce(t('noteGroup.deleted', { group: title }));
                  focusById(`add-group-${group.sectionId}`);
                }}
              />
            </div>
          </>
        )}
      </div>
      <NoteList
        place={{ sectionId: group.sectionId, groupId: group.id }}
        notes={notes}
        firstNumber={firstNumber}
        sectionTitle={sectionTitle}
        label={t('noteGroup.notesLabel', { group: title })}
        emptyText={t('noteGroup.empty')}
      />
    </div>
  );
}
