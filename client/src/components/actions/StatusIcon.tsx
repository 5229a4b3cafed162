import type { ActionStatus } from '../../../../shared/actionPlan.js';

/**
 * A shape for each status (empty circle, half-filled, ticked), always next to the status in
 * words: colour and shape help at a glance, the words carry the meaning.
 */
export function StatusIcon({ status }: { status: ActionStatus }) {
  return (
    <svg
      className={`status-icon status-icon--${status}`}
      viewBox="0 0 20 20"
      width="1.1em"
      height="1.1em"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="10" cy="10" r="8" fill={status === 'done' ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="2" />
      {status === 'in-progress' && <path d="M10 2a8 8 0 0 1 0 16z" fill="currentColor" />}
      {status === 'done' && (
        <path d="M6 10.5l2.6 2.6L14 7.6" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
      )}
    </svg>
  );
}
