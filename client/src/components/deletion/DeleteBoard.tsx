import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.js';
import { apiErrorText } from '../../errors.js';
import { navigate } from '../../router.js';
import { DownloadPlan } from '../plan/DownloadPlan.js';
import { formatDate } from '../plan/format.js';
import { Button } from '../ui/Button.js';
import { Dialog } from '../ui/Dialog.js';
import { deleteBoard, fetchRetention, forgetBoardOnDevice, type BoardAndRetention } from './boardDeletion.js';

/**
 * In the facilitator's tools: when the board will be deleted if nobody uses it (retention), and
 * "Delete this board", which asks first, naming the board and offering the plan's download, then
 * deletes it for everyone and goes to the start page.
 */
export function DeleteBoard({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation();
  const id = useId();
  const opener = useRef<HTMLButtonElement>(null);
  const [info, setInfo] = useState<BoardAndRetention | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchRetention(boardId, token).then(
      (r) => live && setInfo(r),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [boardId, token]);

  const title = info?.board.title ?? '';
  const deletesAt = info?.retention?.deletesAt ?? null;

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await deleteBoard(boardId, token);
      await forgetBoardOnDevice(boardId, { reason: 'deleted', title: title || null });
      navigate('/');
    } catch (err) {
      setError(apiErrorText(t, err));
      setBusy(false);
    }
  }

  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };

  return (
    <section className="ftools__group" aria-labelledby={`${id}-heading`}>
      <h3 className="ftools__heading" id={`${id}-heading`}>
        {t('deletion.heading')}
      </h3>
      {info && (
        <p className="fbar__hint-small">
          {deletesAt !== null ? t('deletion.retentionDate', { date: formatDate(deletesAt, currentLanguage()) }) : t('deletion.keptForever')}
        </p>
      )}
      <Button ref={opener} variant="danger" onClick={() => setOpen(true)}>
        {t('deletion.button')}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={title ? t('deletion.confirmTitleNamed', { title }) : t('deletion.confirmTitle')}
        intro={t('deletion.confirmIntro')}
        footer={
          <>
            <Button variant="danger" disabled={busy} onClick={() => void confirm()}>
              {busy ? t('deletion.deleting') : t('deletion.confirm')}
            </Button>
            <Button disabled={busy} onClick={close}>
              {t('deletion.cancel')}
            </Button>
          </>
        }
      >
        <p>{t('deletion.exportFirst')}</p>
        <DownloadPlan boardId={boardId} token={token} />
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </Dialog>
    </section>
  );
}
