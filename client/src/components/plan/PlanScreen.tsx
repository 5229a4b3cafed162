import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanModel } from '../../../../shared/planModel.js';
import { currentLanguage } from '../../i18n.js';
import { loadIdentity } from '../../identity.js';
import { boardPath, viewKeyFromHash } from '../../router.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { Icon } from '../ui/Icon.js';
import { formatDateTime } from './format.js';
import { PlanDocument } from './PlanDocument.js';
import { PlanRequestError, fetchPlan, type PlanCredential } from './planApi.js';
import { Button, buttonClass } from '../ui/Button.js';

type Problem = 'no-access' | 'link-invalid' | 'not-found' | 'network' | 'generic';
type State =
  | { kind: 'loading' }
  | { kind: 'ready'; plan: PlanModel; refreshing: boolean; refreshFailed: boolean; serial: number }
  | { kind: 'error'; problem: Problem };

/**
 * Who may read: this device's participant token for the board if it has one, then the view key
 * of a share-back link (`#view=`, sent only as a header). A token that no longer works falls
 * back to the view key.
 */
function credentials(boardId: string, viewKey: string | null): PlanCredential[] {
  const list: PlanCredential[] = [];
  const identity = loadIdentity(boardId);
  if (identity) list.push({ kind: 'token', token: identity.token });
  if (viewKey) list.push({ kind: 'view', viewKey });
  return list;
}

async function loadPlan(boardId: string, viewKey: string | null, signal: AbortSignal): Promise<PlanModel> {
  const list = credentials(boardId, viewKey);
  if (list.length === 0) throw new PlanRequestError(401, 'no-credential');
  let last: unknown = null;
  for (const credential of list) {
    try {
      return await fetchPlan(boardId, credential, signal);
    } catch (err) {
      last = err;
      if (err instanceof PlanRequestError && (err.status === 401 || err.status === 403)) continue;
      throw err;
    }
  }
  throw last;
}

function problemOf(err: unknown, boardId: string, viewKey: string | null): Problem {
  if (!(err instanceof PlanRequestError)) return 'generic';
  if (err.status === 0) return 'network';
  if (err.status === 404) return 'not-found';
  if (err.status === 401 || err.status === 403) return viewKey && !loadIdentity(boardId) ? 'link-invalid' : 'no-access';
  return 'generic';
}

/** /plan/:boardId — the agreed plan, read-only: for people who took part, and for a share-back link. */
export function PlanScreen({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [hasBoard] = useState(() => loadIdentity(boardId) !== null);
  // Read once: the key stays in the address (links inside the plan do not change the fragment).
  const [viewKey] = useState(() => viewKeyFromHash(location.hash));
  const abortRef = useRef<AbortController | null>(null);

  const load = useCallback(async () => {
    abortRef.current?.abort();
    const abort = new AbortController();
    abortRef.current = abort;
    setState((s) => (s.kind === 'ready' ? { ...s, refreshing: true, refreshFailed: false } : { kind: 'loading' }));
    try {
      const plan = await loadPlan(boardId, viewKey, abort.signal);
      if (abort.signal.aborted) return;
      setState((s) => ({ kind: 'ready', plan, refreshing: false, refreshFailed: false, serial: s.kind === 'ready' ? s.serial + 1 : 0 }));
    } catch (err) {
      if (abort.signal.aborted) return;
      // A refresh that fails keeps the plan already shown, and says so.
      setState((s) =>
        s.kind === 'ready'
          ? { ...s, refreshing: false, refreshFailed: true }
          : { kind: 'error', problem: problemOf(err, boardId, viewKey) },
      );
    }
  }, [boardId, viewKey]);

  useEffect(() => {
    void load();
    return () => abortRef.current?.abort();
  }, [load]);

  const title = state.kind === 'ready' ? state.plan.board.title : '';
  useEffect(() => {
    document.title = title ? `${t('plan.docTitle', { title })} – ${t('app.name')}` : `${t('plan.eyebrow')} – ${t('app.name')}`;
  }, [title, t]);

  return (
    <main id="main" className="page plan-page" tabIndex={-1}>
      {(hasBoard || state.kind === 'ready') && (
        <div className="plan-toolbar">
          {hasBoard && (
            <a className={buttonClass('secondary', 'sm')} href={boardPath(boardId)}>
              <span aria-hidden="true">←</span> {t('plan.backToBoard')}
            </a>
          )}
          {state.kind === 'ready' && (
            <>
              <Button size="sm" aria-disabled={state.refreshing} onClick={() => !state.refreshing && void load()}>
                <Icon name="sync" /> {state.refreshing ? t('plan.refreshing') : t('plan.refresh')}
              </Button>
              <Button size="sm" onClick={() => window.print()}>
                {t('plan.print')}
              </Button>
            </>
          )}
          <p className="plan-toolbar__status" role="status">
            {state.kind === 'ready' && state.serial > 0 && !state.refreshing && !state.refreshFailed
              ? t('plan.refreshed', { when: formatDateTime(state.plan.board.exportedAt, lang) })
              : ''}
          </p>
        </div>
      )}
      {state.kind === 'ready' && state.refreshFailed && <ErrorMessage>{t('plan.refreshFailed')}</ErrorMessage>}
      {!hasBoard && state.kind === 'ready' && <p className="plan-readonly-note">{t('plan.readOnlyNote')}</p>}

      {state.kind === 'loading' && (
        <p className="status-text" role="status">
          {t('plan.loading')}
        </p>
      )}
      {state.kind === 'error' && (
        <>
          <h1>{t('plan.errorHeading')}</h1>
          <ErrorMessage>{t(`plan.errors.${state.problem}`)}</ErrorMessage>
          {(state.problem === 'network' || state.problem === 'generic') && (
            <p className="plan-retry">
              <Button onClick={() => void load()}>{t('plan.tryAgain')}</Button>
            </p>
          )}
        </>
      )}
      {state.kind === 'ready' && <PlanDocument plan={state.plan} lang={lang} />}
    </main>
  );
}
