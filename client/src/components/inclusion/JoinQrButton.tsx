import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qrCodeSvg } from '../../board/qrCode.js';
import { Dialog } from '../ui/Dialog.js';
import { Icon } from '../ui/Icon.js';
import { Button } from '../ui/Button.js';

/**
 * "Show QR code": the join link as a large, high-contrast QR code for the projector, in a modal
 * dialog (Escape closes it and focus goes back to the button). The link itself is far too long to
 * type from a screen across the room, so it is not shown there; it is one click away ("Show the
 * link as text") for whoever needs it, and the Invite panel has Copy.
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
      <Button id="show-join-qr" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <Icon name="qr" /> {t('inclusion.qr.show')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('inclusion.qr.title')} wide>
        <div className="qr-dialog">
          <p className="qr-dialog__hint">{t('inclusion.qr.hint')}</p>
          {svg ? (
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is made here by the qrcode library from the join link, not from anyone's input.
            <div className="qr-dialog__code" role="img" aria-label={t('inclusion.qr.alt')} dangerouslySetInnerHTML={{ __html: svg }} />
          ) : (
            <p>{t('inclusion.qr.preparing')}</p>
          )}
          <p className="qr-dialog__no-camera">{t('inclusion.qr.noCamera')}</p>
          <details className="qr-dialog__link">
            <summary>{t('inclusion.qr.showLink')}</summary>
            <span className="qr-dialog__url">{joinUrl}</span>
          </details>
        </div>
      </Dialog>
    </>
  );
}
