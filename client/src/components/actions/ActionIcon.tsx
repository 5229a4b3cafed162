/** The action plan's mark: a list with a tick. Decorative: the text next to it carries the meaning. */
export function ActionIcon() {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="1.2em"
      height="1.2em"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M4 6.5l1.8 1.8L9 5M4 13.5l1.8 1.8L9 12M12 7h8M12 14h8M4 19.5h.01M12 19.5h8" />
    </svg>
  );
}
