import { useRef, useState } from 'react';

export type CopyState = 'idle' | 'copied' | 'manual';

/**
 * Copies a link to the clipboard. Where there is no clipboard (plain http on a venue network, or
 * permission refused) it selects the link in its read-only field so the person can copy it.
 */
export function useCopyLink(link: string | null | undefined) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');

  async function copy() {
    if (!link) return;
    try {
      if (!navigator.clipboard || !window.isSecureContext) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setCopyState('copied');
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopyState('manual');
    }
  }

  return { inputRef, copyState, setCopyState, copy };
}
