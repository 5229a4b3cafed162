import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal panel on the native <dialog>: focus moves in and is kept there, Escape closes it, and
 * focus goes back to the button that opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  wide = false,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`fdialog${wide ? ' fdialog--wide' : ''}`}
      aria-labelledby={`${id}-title`}
      onClose={() => {
        onClose();
        const back = opener.current;
        opener.current = null;
        if (back?.isConnected) back.focus();
      }}
      onClick={(e) => {
        // A click on the backdrop (outside the panel) closes it.
        if (e.target === e.currentTarget) e.currentTarget.close();
      }}
    >
      <div className="fdialog__panel">
        <div className="fdialog__head">
          <h2 className="fdialog__title" id={`${id}-title`}>
            {title}
          </h2>
          <button type="button" className="button button--small" onClick={() => ref.current?.close()}>
            {t('facilitation.close')}
          </button>
        </div>
        <div className="fdialog__body">{open && children}</div>
      </div>
    </dialog>
  );
}
