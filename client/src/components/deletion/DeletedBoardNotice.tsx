import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../ui/Banner.js';
import { takeDeletedFlash } from './boardDeletion.js';

/** On the start page, once, after this device's facilitator deleted a board. */
export function DeletedBoardNotice() {
  const { t } = useTranslation();
  const [flash] = useState(takeDeletedFlash);
  if (!flash) return null;
  return (
    <Banner tone="ok" role="status">
      {flash.title ? t('deletion.doneNamed', { title: flash.title }) : t('deletion.done')}
    </Banner>
  );
}
