import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qrCodeSvg } from '../../board/qrCode.js';
import { Dialog } from '../facilitation/Dialog.js';

/**
 * "Show QR code": the join link as a large, high-contrast QR code for the projector, in a modal
 * dialog (Escape closes it and focus goes back to the button), with the link as text below it.
 */
export function JoinQrButton({ joinUrl }: { joinUrl: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [svg, setSvg] = useState('');

  useEffect(() => {
    if (!open) return;
    let live = true;
    qrCodeSvg(joinUrl)
      .then((s) => live && setSvg(s))
      .catch(() => live && setSvg(''));
    return () => {
      live = false;
    };
  }, [open, joinUrl]);

  return (
    <>
      <button type="button" className="button" id="show-join-qr" onClick={() => setOpen(true)}>
        <span aria-hidden="true" className="qr-button__mark">▦</span> {t('inclusion.qr.show')}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('inclusion.qr.title')} wide>
        <div className="qr-dialog">
          <p className="qr-dialog__hint">{t('inclusion.qr.hint')}</p>
          {svg ? (
            <div className="qr-dialog__code" role="img" aria-label={t('inclusion.qr.alt')} dangerouslySetInnerHTML={{ __html: svg }} />
          ) : (
            <p>{t('inclusion.qr.preparing')}</p>
          )}
          <p className="qr-dialog__link">
            <span className="qr-dialog__link-label">{t('inclusion.qr.linkLabel')}</span> <span className="qr-dialog__url">{joinUrl}</span>
          </p>
        </div>
      </Dialog>
    </>
  );
}
