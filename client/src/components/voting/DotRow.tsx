/** Dots drawn as filled circles (decorative: the number next to them is what is read out). */
export function DotRow({ count, max = 10 }: { count: number; max?: number }) {
  const shown = Math.min(count, max);
  return (
    <span className="dot-row" aria-hidden="true">
      {Array.from({ length: shown }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical decorative dots; only their number matters.
        <span key={i} className="dot-row__dot" />
      ))}
      {count > max && <span className="dot-row__more">+</span>}
    </span>
  );
}
