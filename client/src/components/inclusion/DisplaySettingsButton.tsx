import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog.js';
import { useDisplaySettings, type DisplaySettings } from '../../hooks/useDisplaySettings.js';

const OPTIONS: Array<keyof DisplaySettings> = ['largeText', 'highContrast', 'reduceMotion'];

/**
 * "Display" in the header of every page: opens a small dialog with this person's display
 * settings (larger text, high contrast, reduce motion), remembered on this device. Each change
 * applies at once.
 */
export function DisplaySettingsButton() {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [settings, set] = useDisplaySettings();
  return (
    <>
      <button type="button" className="display-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <span aria-hidden="true" className="display-button__mark">
          {t('display.mark')}
        </span>{' '}
        <span className="display-button__text">{t('display.button')}</span>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('display.title')}>
        <div className="display-settings">
          <p className="display-settings__intro">{t('display.intro')}</p>
          {OPTIONS.map((key) => (
            <label className="check display-settings__option" key={key}>
              <input
                type="checkbox"
                name={key}
                checked={settings[key]}
                aria-describedby={`${id}-${key}-hint`}
                onChange={(e) => set(key, e.target.checked)}
              />
              <span>
                {t(`display.${key}`)}
                <span className="check__hint" id={`${id}-${key}-hint`}>
                  {t(`display.${key}Hint`)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </Dialog>
    </>
  );
}
