import { useTranslation } from 'react-i18next';
import { Icon } from './ui/Icon.js';

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
      <button
        type="button"
        className="button"
        aria-disabled={!canUndo}
        aria-keyshortcuts="Control+Z"
        onClick={onUndo}
        title={t('undo.undoHint')}
      >
        <Icon name="undo" /> {t('undo.undo')}
      </button>
      <button
        type="button"
        className="button"
        aria-disabled={!canRedo}
        aria-keyshortcuts="Control+Shift+Z Control+Y"
        onClick={onRedo}
        title={t('undo.redoHint')}
      >
        <Icon name="redo" /> {t('undo.redo')}
      </button>
    </div>
  );
}
