import type { ReactNode } from 'react';

/** A plain-language error, announced straight away. */
export function ErrorMessage({ children, id }: { children: ReactNode; id?: string }) {
  if (!children) return null;
  return (
    <div className="error-message" role="alert" id={id}>
      <span className="error-message__icon" aria-hidden="true">
        !
      </span>
      <div>{children}</div>
    </div>
  );
}
