import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLOURS, type NoteColour } from '../../../shared/colours.js';

/** Six colours, each with its name and its own pattern, so colour is never the only signal. */
export function ColourPicker({ value, onChange }: { value: NoteColour; onChange: (c: NoteColour) => void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="colour-picker">
      <legend className="note-options__label">{t('note.colour')}</legend>
      <div className="colour-picker__options">
        {NOTE_COLOURS.map((c) => (
          <label key={c} className="colour-option">
            <input
              type="radio"
              name={name}
              value={c}
              checked={value === c}
              data-focus={value === c ? 'colour' : undefined}
              onChange={() => onChange(c)}
            />
            <span className={`swatch swatch--${c}`} aria-hidden="true" />
            <span>{t(`colour.${c}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
