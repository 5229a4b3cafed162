import { useBoardT } from '../../board/boardT.js';
import { actionFromNote, listActions } from '../../../../shared/actionPlan.js';
import {
  addPriority,
  deleteNote,
  listGroups,
  listPriorities,
  listSections,
  moveNote,
  readNoteById,
  removePriority,
  setNoteColour,
  setNoteGroup,
} from '../../../../shared/boardDoc.js';
import { NOTE_COLOURS } from '../../../../shared/colours.js';
import { pick } from '../../../../shared/i18nText.js';
import { useBoardCore } from '../../board/BoardContext.js';
import { focusById, focusNoteControl } from '../../board/focus.js';
import type { NoteMeta } from '../../hooks/useBoardModel.js';
import { useEasyRead } from '../../hooks/useEasyRead.js';
import { actionControlId } from '../actions/ActionItem.js';
import { Menu, type MenuEntry } from '../ui/Menu.js';
import { noteDeletedHere } from './NoteWatch.js';
import { snapshotNote } from './restore.js';
import { useWritingStoreOnly } from './writing.js';

/**
 * A note's actions in one menu (menu-button pattern): priorities, turn into an action, colour,
 * move up or down, move to another section, group, delete. The menu reads the board when it
 * opens, so a closed menu costs nothing.
 */
export function NoteMenu({
  note,
  label,
  shift,
  first,
  last,
  disabled,
}: {
  note: NoteMeta;
  /** The note's name, "Note 2 in Shared goals", for the button's name. */
  label: string;
  shift: (delta: -1 | 1) => void;
  first: boolean;
  last: boolean;
  disabled: boolean;
}) {
  const { t } = useBoardT();
  const { te } = useEasyRead();
  const { doc, undoManager, lang, announce } = useBoardCore();
  const store = useWritingStoreOnly();

  const entries = (): MenuEntry[] => {
    const priorities = listPriorities(doc);
    const position = priorities.indexOf(note.id);
    const actionNumbers = listActions(doc)
      .map((a, i) => (a.noteIds.includes(note.id) ? i + 1 : 0))
      .filter(Boolean);
    const sections = listSections(doc);
    const otherSections = sections.filter((s) => s.id !== note.sectionId);
    const groups = listGroups(doc, note.sectionId);
    const step = (fn: () => void) => {
      undoManager.stopCapturing();
      fn();
      undoManager.stopCapturing();
    };

    return [
      position >= 0
        ? {
            type: 'item',
            key: 'priority',
            icon: 'star',
            label: t('priorities.remove'),
            hint: t('priorities.position', { position: position + 1 }),
            onSelect: () => {
              step(() => removePriority(doc, note.id));
              announce(t('priorities.removed'));
            },
          }
        : {
            type: 'item',
            key: 'priority',
            icon: 'star',
            label: t('priorities.add'),
            onSelect: () => {
              step(() => addPriority(doc, note.id));
              announce(t('priorities.added', { position: listPriorities(doc).indexOf(note.id) + 1 }));
            },
          },
      {
        type: 'item',
        key: 'action',
        icon: 'action',
        label: actionNumbers.length > 0 ? t('actions.turnIntoAnother') : t('actions.turnInto'),
        hint: actionNumbers.length > 0 ? t('ui.note.inActions', { numbers: actionNumbers.join(', ') }) : undefined,
        onSelect: () => {
          let id: string | null = null;
          step(() => (id = actionFromNote(doc, note.id)));
          if (!id) return;
          announce(t('actions.createdFromNote', { number: listActions(doc).findIndex((a) => a.id === id) + 1 }));
          focusById(actionControlId(id, 'who'));
        },
      },
      { type: 'separator', key: 's1' },
      {
        type: 'group',
        key: 'colour',
        label: t('note.colour'),
        entries: NOTE_COLOURS.map<MenuEntry>((c) => ({
          type: 'radio',
          key: `colour-${c}`,
          label: t(`colour.${c}`),
          checked: note.colour === c,
          marker: <span className={`swatch swatch--${c}`} />,
          onSelect: () => step(() => setNoteColour(doc, note.id, c)),
        })),
      },
      { type: 'separator', key: 's2' },
      { type: 'item', key: 'up', icon: 'up', label: te('note.moveUp'), disabled: first, onSelect: () => shift(-1) },
      { type: 'item', key: 'down', icon: 'down', label: te('note.moveDown'), disabled: last, onSelect: () => shift(1) },
      ...(otherSections.length > 0
        ? [
            {
              type: 'group' as const,
              key: 'section',
              label: te('note.moveToSection'),
              entries: otherSections.map<MenuEntry>((s) => ({
                type: 'item',
                key: `section-${s.id}`,
                icon: 'move',
                label: pick(s.title, lang),
                onSelect: () => {
                  step(() => moveNote(doc, note.id, s.id));
                  announce(t('note.movedTo', { section: pick(s.title, lang) }));
                  focusNoteControl(note.id, 'menu');
                },
              })),
            },
          ]
        : []),
      ...(groups.length > 0
        ? [
            {
              type: 'group' as const,
              key: 'group',
              label: t('note.group'),
              entries: [
                {
                  type: 'radio' as const,
                  key: 'group-none',
                  label: t('note.noGroup'),
                  checked: note.groupId === null,
                  onSelect: () => step(() => setNoteGroup(doc, note.id, null)),
                },
                ...groups.map<MenuEntry>((g) => ({
                  type: 'radio',
                  key: `group-${g.id}`,
                  label: g.title || t('noteGroup.untitled'),
                  checked: note.groupId === g.id,
                  onSelect: () => {
                    step(() => setNoteGroup(doc, note.id, g.id));
                    announce(t('ui.note.grouped', { group: g.title || t('noteGroup.untitled') }));
                    focusNoteControl(note.id, 'menu');
                  },
                })),
              ],
            },
          ]
        : []),
      { type: 'separator', key: 's3' },
      {
        type: 'item',
        key: 'delete',
        icon: 'trash',
        label: te('note.delete'),
        danger: true,
        onSelect: () => {
          const snap = snapshotNote(doc, note.id);
          // Where focus goes next: the next note in the section, or the one before, or "Add note".
          const cards = [...document.querySelectorAll<HTMLElement>(`#section-${CSS.escape(note.sectionId)} [data-note-id]`)];
          const at = cards.findIndex((c) => c.dataset.noteId === note.id);
          const next = cards[at + 1] ?? cards[at - 1];
          // Whoever is typing in it can be told who deleted it (not on an anonymous board).
          store?.publish({ deleted: { noteId: note.id, at: Date.now() } });
          step(() => deleteNote(doc, note.id));
          if (snap) noteDeletedHere(snap);
          announce(t('ui.note.deletedMine'));
          if (next?.dataset.noteId && readNoteById(doc, next.dataset.noteId)) focusNoteControl(next.dataset.noteId, 'menu');
          else focusById(`add-note-${note.sectionId}`);
        },
      },
    ];
  };

  return (
    <Menu
      label={t('ui.note.menu', { note: label })}
      icon="more"
      entries={entries}
      className="note__menu"
      buttonProps={{ 'data-focus': 'menu', disabled }}
    />
  );
}
