import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportLanguage } from '../../../../shared/exportLabels.js';
import { currentLanguage } from '../../i18n.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { EXPORT_FORMATS, EXPORT_LANGUAGES, PlanRequestError, fetchExport, saveFile, type ExportFormat } from './planApi.js';
import { Icon } from '../ui/Icon.js';
import { Button } from '../ui/Button.js';

/**
 * Facilitator: "Download the plan" in a chosen format and language. The file is fetched with
 * the facilitator's token (never put in a URL) and handed to the browser as a download.
 */
export function DownloadPlan({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('docx');
  const [lang, setLang] = useState<ExportLanguage>(() => currentLanguage());
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; fileName: string } | { kind: 'error'; message: string }
  >({
    kind: 'idle',
  });

  async function download(e: FormEvent) {
    e.preventDefault();
    if (state.kind === 'busy') return;
    setState({ kind: 'busy' });
    try {
      const { blob, fileName } = await fetchExport(boardId, token, format, lang);
      saveFile(blob, fileName);
      setState({ kind: 'done', fileName });
    } catch (err) {
      const status = err instanceof PlanRequestError ? err.status : -1;
      const message =
        status === 0
          ? t('export.errors.network')
          : status === 401 || status === 403
            ? t('export.errors.forbidden')
            : t('export.errors.generic');
      setState({ kind: 'error', message });
    }
  }

  return (
    <form className="plan-tool" aria-labelledby={`${id}-heading`} onSubmit={(e) => void download(e)}>
      <h3 className="plan-tool__heading" id={`${id}-heading`}>
        <Icon name="download" /> {t('export.heading')}
      </h3>
      <p className="plan-tool__hint">{t('export.explain')}</p>
      <fieldset className="field radio-list radio-list--inline plan-tool__choices">
        <legend className="action__label">{t('export.formatLabel')}</legend>
        {EXPORT_FORMATS.map((f) => (
          <label key={f} className="radio-option radio-option--compact">
            <input type="radio" name={`${id}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} />
            <span>{t(`export.format.${f}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="field radio-list radio-list--inline plan-tool__choices">
        <legend className="action__label">{t('export.languageLabel')}</legend>
        {EXPORT_LANGUAGES.map((l) => (
          <label key={l} className="radio-option radio-option--compact">
            <input type="radio" name={`${id}-lang`} value={l} checked={lang === l} onChange={() => setLang(l)} />
            <span lang={l === 'both' ? undefined : l}>{t(`export.language.${l}`)}</span>
          </label>
        ))}
      </fieldset>
      <Button variant="primary" type="submit" aria-disabled={state.kind === 'busy'}>
        {state.kind === 'busy' ? t('export.preparing') : t('export.download')}
      </Button>
      <p className="invite__feedback" role="status">
        {state.kind === 'done' ? t('export.done', { fileName: state.fileName }) : ''}
      </p>
      {state.kind === 'error' && <ErrorMessage>{state.message}</ErrorMessage>}
    </form>
  );
}
