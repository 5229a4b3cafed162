import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../shared/i18nText.js';
import type { ParticipantGroup } from '../../../shared/participants.js';
import type { BoardSummary } from '../../../shared/api.js';
import { getBoardSummary, getMe, isRejection, joinBoard, ApiRequestError } from '../api.js';
import { clearIdentity, loadIdentity, saveIdentity } from '../identity.js';
import { currentLanguage, defaultLanguageFor, setLanguage, storedLanguage } from '../i18n.js';
import { apiErrorText } from '../errors.js';
import { boardPath, keyFromHash, navigate } from '../router.js';
import { PageHeader } from '../components/PageHeader.js';
import { InfoFooter } from '../components/InfoFooter.js';
import { GroupRadios } from '../components/GroupRadios.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { NameField } from '../components/NameField.js';
import { Button } from '../components/ui/Button.js';

type State = { kind: 'checking' } | { kind: 'ready'; summary: BoardSummary } | { kind: 'no-key' } | { kind: 'failed'; message: string };

/** /join/:boardId#key=… — name, group and language, then on to the board. */
export function JoinPage({ boardId }: { boardId: string }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [name, setName] = useState('');
  const [group, setGroup] = useState<ParticipantGroup | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keyRef = useRef<string | null>(keyFromHash(location.hash));
  const ids = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the board summary is fetched once per board; language changes do not fetch it again.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const stored = loadIdentity(boardId);
      if (stored) {
        try {
          await getMe(boardId, stored.token);
          if (!cancelled) navigate(boardPath(boardId), { replace: true });
          return;
        } catch (err) {
          if (isRejection(err)) clearIdentity(boardId);
          else if (err instanceof ApiRequestError && err.status === 0) {
            // Offline: the board works from this device's copy until the connection is back.
            if (!cancelled) navigate(boardPath(boardId), { replace: true });
            return;
          }
        }
      }
      const key = keyRef.current;
      if (!key) {
        if (!cancelled) setState({ kind: 'no-key' });
        return;
      }
      try {
        const summary = await getBoardSummary(boardId, key);
        if (cancelled) return;
        if (!storedLanguage()) setLanguage(defaultLanguageFor(summary.language), false);
        setState({ kind: 'ready', summary });
      } catch (err) {
        if (!cancelled) setState({ kind: 'failed', message: apiErrorText(t, err) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [boardId]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy || state.kind !== 'ready' || !keyRef.current) return;
    if (!name.trim() || !group) {
      setError(t('errors.checkForm'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await joinBoard(boardId, { key: keyRef.current, name: name.trim(), group });
      saveIdentity(boardId, {
        token: me.token,
        participantId: me.participantId,
        role: me.role,
        authorKey: me.authorKey,
        joinKey: keyRef.current,
        title: state.summary.title,
        boardLanguage: state.summary.language,
        name: name.trim(),
      });
      navigate(boardPath(boardId), { replace: true });
    } catch (err) {
      setError(apiErrorText(t, err));
      setBusy(false);
    }
  }

  const lang = currentLanguage();

  return (
    <>
      <PageHeader showLanguageSwitch={state.kind !== 'ready'} />
      <main id="main" className="page page--narrow" tabIndex={-1}>
        {state.kind === 'checking' && (
          <p className="status-text" role="status">
            {t('join.checking')}
          </p>
        )}
        {state.kind === 'no-key' && (
          <>
            <h1>{t('join.headingGeneric')}</h1>
            <ErrorMessage>{t('join.noKey')}</ErrorMessage>
          </>
        )}
        {state.kind === 'failed' && (
          <>
            <h1>{t('join.headingGeneric')}</h1>
            <ErrorMessage>{state.message}</ErrorMessage>
          </>
        )}
        {state.kind === 'ready' && (
          <>
            <p className="eyebrow">{t('join.eyebrow')}</p>
            <h1>{state.summary.title}</h1>
            <p className="lead">{t('join.intro')}</p>
            <form className="form" onSubmit={onSubmit}>
              <fieldset className="field radio-list radio-list--inline">
                <legend className="field__label">{t('join.languageLabel')}</legend>
                {LANGUAGES.map((l) => (
                  <label key={l} className="radio-option">
                    <input type="radio" name={`${ids}-lang`} value={l} checked={lang === l} onChange={() => setLanguage(l)} />
                    <span lang={l}>{i18n.getFixedT(l)('language.ownName')}</span>
                  </label>
                ))}
              </fieldset>
              <NameField value={name} onChange={setName} />
              <GroupRadios value={group} onChange={setGroup} />
              <ErrorMessage>{error}</ErrorMessage>
              <Button variant="primary" size="lg" type="submit" aria-disabled={busy}>
                {busy ? t('join.joining') : t('join.submit')}
              </Button>
            </form>
          </>
        )}
      </main>
      <InfoFooter />
    </>
  );
}
