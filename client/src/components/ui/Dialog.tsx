import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from './Button.js';
import './Dialog.css';

/**
 * The one modal dialog, on the native <dialog>: focus moves in and stays there, Escape closes it,
 * and focus goes back to what opened it. The body scrolls and the footer (the dialog's buttons)
 * always stays in view, so nothing is cut off on a short screen or with larger text. With
 * `onSubmit` the body and footer are one form.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
  intro,
  wide = false,
  onSubmit,
  className,
  initialFocus,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  /** The dialog's buttons: kept in view under the scrolling body. */
  footer?: ReactNode;
  /** A sentence under the title. */
  intro?: ReactNode;
  wide?: boolean;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  className?: string;
  /** A selector inside the dialog to focus on opening (default: the browser's choice). */
  initialFocus?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openProp = useRef(open);
  openProp.current = open;

  // biome-ignore lint/correctness/useExhaustiveDependencies: only opening and closing matter here.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      if (initialFocus) dialog.querySelector<HTMLElement>(initialFocus)?.focus();
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

  const body = (
    <>
      <div className="dialog__body">
        {intro && <p className="dialog__intro">{intro}</p>}
        {open && children}
      </div>
      {footer && <div className="dialog__footer">{footer}</div>}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}${className ? ` ${className}` : ''}`}
      aria-labelledby={`${id}-title`}
      onClose={() => {
        const back = opener.current;
        opener.current = null;
        // Closed by the person (Escape, Close, the backdrop): tell the owner and go back to the
        // opener. Closed by the owner: the owner puts focus where it belongs.
        if (!openProp.current) return;
        onClose();
        if (back?.isConnected) back.focus();
      }}
      onKeyDown={(e) => {
        // Escape is the dialog's own (it closes it); a drawer or menu around it must not act on it too.
        if (e.key === 'Escape') e.stopPropagation();
      }}
      onClick={(e) => {
        // A click on the backdrop (outside the panel) closes it.
        if (e.target === e.currentTarget) e.currentTarget.close();
      }}
    >
      <div className="dialog__panel">
        <div className="dialog__head">
          <h2 className="dialog__title" id={`${id}-title`}>
            {title}
          </h2>
          <IconButton icon="x" label={t('facilitation.close')} className="dialog__close" onClick={() => ref.current?.close()} />
        </div>
        {onSubmit ? (
          <form className="dialog__form" onSubmit={onSubmit} noValidate>
            {body}
          </form>
        ) : (
          body
        )}
      </div>
    </dialog>
  );
}
