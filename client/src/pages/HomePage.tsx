import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.js';
import { LANGUAGES, type Language } from '../../../shared/i18nText.js';
import type { ParticipantGroup } from '../../../shared/participants.js';
import type { TemplateId } from '../../../shared/templates.js';
import { createBoard, joinBoard } from '../api.js';
import { saveIdentity } from '../identity.js';
import { currentLanguage } from '../i18n.js';
import { apiErrorText } from '../errors.js';
import { boardPath, navigate } from '../router.js';
import { PageHeader } from '../components/PageHeader.js';
import { InfoFooter } from '../components/InfoFooter.js';
import { GroupRadios } from '../components/GroupRadios.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TemplatePicker } from '../components/TemplatePicker.js';
import { NameField } from '../components/NameField.js';
import { DeletedBoardNotice } from '../components/deletion/DeletedBoardNotice.js';
import { Button } from '../components/ui/Button.js';

/** Create a board: title, template, board language, and the facilitator's own name and group. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId>('coproduction');
  const [language, setBoardLanguage] = useState<Language>(currentLanguage());
  const [languageTouched, setLanguageTouched] = useState(false);
  const [name, setName] = useState('');
  const [group, setGroup] = useState<ParticipantGroup | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  // Until the person picks a board language, it follows the language they are reading in.
  useEffect(() => {
    const follow = (lng: string) => {
      if (!languageTouched && (lng === 'en' || lng === 'cy')) setBoardLanguage(lng);
    };
    i18n.on('languageChanged', follow);
    return () => i18n.off('languageChanged', follow);
  }, [i18n, languageTouched]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!title.trim() || !name.trim() || !group) {
      setError(t('errors.checkForm'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const board = await createBoard({ title: title.trim(), template, language });
      const me = await joinBoard(board.boardId, { key: board.facilitatorKey, name: name.trim(), group });
      saveIdentity(board.boardId, {
        token: me.token,
        participantId: me.participantId,
        role: me.role,
        authorKey: me.authorKey,
        joinUrl: board.joinUrl,
        facilitatorUrl: board.facilitatorUrl,
        title: title.trim(),
        boardLanguage: language,
        name: name.trim(),
      });
      navigate(boardPath(board.boardId));
    } catch (err) {
      setError(apiErrorText(t, err));
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader />
      <main id="main" className="page page--narrow" tabIndex={-1}>
        <DeletedBoardNotice />
        <h1>{t('home.heading')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <form className="form" onSubmit={onSubmit} noValidate={false}>
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-title`}>
              {t('home.titleLabel')}
            </label>
            <p className="field__hint" id={`${ids}-title-hint`}>
              {t('home.titleHint')}
            </p>
            <input
              id={`${ids}-title`}
              className="input"
              type="text"
              required
              maxLength={LIMITS.titleMax}
              autoComplete="off"
              aria-describedby={`${ids}-title-hint`}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>

          <TemplatePicker value={template} onChange={setTemplate} />

          <fieldset className="field radio-list radio-list--inline">
            <legend className="field__label">{t('home.boardLanguageLabel')}</legend>
            <p className="field__hint">{t('home.boardLanguageHint')}</p>
            {LANGUAGES.map((lang) => (
              <label key={lang} className="radio-option">
                <input
                  type="radio"
                  name={`${ids}-lang`}
                  value={lang}
                  checked={language === lang}
                  onChange={() => {
                    setBoardLanguage(lang);
                    setLanguageTouched(true);
                  }}
                />
                <span lang={lang}>{i18n.getFixedT(lang)('language.ownName')}</span>
              </label>
            ))}
          </fieldset>

          <h2 className="form__section-heading">{t('home.aboutYou')}</h2>
          <p className="field__hint">{t('home.aboutYouHint')}</p>
          <NameField value={name} onChange={setName} />
          <GroupRadios value={group} onChange={setGroup} />

          <ErrorMessage>{error}</ErrorMessage>
          <Button variant="primary" size="lg" type="submit" aria-disabled={busy}>
            {busy ? t('home.creating') : t('home.create')}
          </Button>
        </form>
      </main>
      <InfoFooter />
    </>
  );
}
