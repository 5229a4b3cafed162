import { useEasyRead, useEasyReadMarker } from '../../hooks/useEasyRead.js';
import { useViewMode } from '../../hooks/useViewMode.js';

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
          <svg className="icon" viewBox="0 0 24 24" width="1.2em" height="1.2em" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true" focusable="false">
            <path d="M4 4h4v16H4zM10 4h4v16h-4zM16 4h4v16h-4z" />
          </svg>{' '}
          {t('inclusion.view.board')}
        </button>
        <button type="button" id="view-list" className="view-toggle__button" aria-pressed={mode === 'list'} onClick={() => setMode('list')}>
          <svg className="icon" viewBox="0 0 24 24" width="1.2em" height="1.2em" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true" focusable="false">
            <path d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" />
          </svg>{' '}
          {t('inclusion.view.list')}
        </button>
      </div>
      <button type="button" id="easy-read-toggle" className="view-toggle__button view-toggle__single" aria-pressed={on} onClick={() => setOn(!on)}>
        <svg className="icon" viewBox="0 0 24 24" width="1.2em" height="1.2em" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
          <path d="M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3zM21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z" />
        </svg>{' '}
        {t('inclusion.view.easyRead')}
      </button>
    </div>
  );
}
