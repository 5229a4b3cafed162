import { useEasyRead, useEasyReadMarker } from '../../hooks/useEasyRead.js';
import { useViewMode } from '../../hooks/useViewMode.js';
import { Icon } from '../ui/Icon.js';

/**
 * Per-person display choices, remembered on this device: the board as columns or as one list in
 * reading order, and easy-read mode. Each is a set of pressed/not-pressed buttons.
 */
export function ViewToggles() {
  const { on, setOn, t } = useEasyRead();
  const [mode, setMode] = useViewMode();
  useEasyReadMarker(on);
  return (
    <div className="view-toggles">
      <div className="view-toggle" role="group" aria-label={t('inclusion.view.label')}>
        <button type="button" id="view-board" className="view-toggle__button" aria-pressed={mode === 'board'} onClick={() => setMode('board')}>
          <Icon name="columns" />{' '}
          {t('inclusion.view.board')}
        </button>
        <button type="button" id="view-list" className="view-toggle__button" aria-pressed={mode === 'list'} onClick={() => setMode('list')}>
          <Icon name="list" />{' '}
          {t('inclusion.view.list')}
        </button>
      </div>
      <button type="button" id="easy-read-toggle" className="view-toggle__button view-toggle__single" aria-pressed={on} onClick={() => setOn(!on)}>
        <Icon name="book" />{' '}
        {t('inclusion.view.easyRead')}
      </button>
    </div>
  );
}
