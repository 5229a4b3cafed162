import { useTranslation } from 'react-i18next';
import { IconButton } from './ui/Button.js';

/** Undo and redo (this person's own changes), as two icon buttons; Ctrl+Z / Ctrl+Shift+Z too. */
export function UndoRedoBar({
  canUndo,
  canRedo,
  onUndo,
  onRedo,
}: {
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="undo-bar" role="group" aria-label={t('undo.groupLabel')}>
      <IconButton
        icon="undo"
        label={t('undo.undo')}
        title={t('undo.undoHint')}
        aria-disabled={!canUndo}
        aria-keyshortcuts="Control+Z"
        onClick={onUndo}
      />
      <IconButton
        icon="redo"
        label={t('undo.redo')}
        title={t('undo.redoHint')}
        aria-disabled={!canRedo}
        aria-keyshortcuts="Control+Shift+Z Control+Y"
        onClick={onRedo}
      />
    </div>
  );
}
