/**
 * A polite live region. The message alternates between two slots so that the same sentence
 * twice in a row is still read out.
 */
export function LiveRegion({ message, serial }: { message: string; serial: number }) {
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {serial % 2 === 0 ? <p key="a">{message}</p> : <p key="b">{message}</p>}
    </div>
  );
}
