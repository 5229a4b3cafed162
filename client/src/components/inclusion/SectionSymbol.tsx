import { useEasyRead } from '../../hooks/useEasyRead.js';

/**
 * Easy-read symbols for the template steps: a simple picture (decorative, aria-hidden) that is
 * always shown with a short plain-words label, never on its own.
 */
const SYMBOLS: Record<string, string> = {
  // A toolbox: what we have.
  toolbox: 'M3 10h18v9a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1zM8 10V6a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v4M3 14h18M10 14v2h4v-2',
  // A target: what we want.
  target: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM12 11a1 1 0 1 0 0 2 1 1 0 0 0 0-2z',
  // A folded map: how we will do it.
  map: 'M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2zM9 4v14M15 6v14',
  // An arrow: doing it.
  arrow: 'M4 12h14M12 5l7 7-7 7',
  // A star: well done.
  star: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z',
  // People: who takes part.
  people: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0M16 3.1a4 4 0 0 1 0 7.8M22 21a7 7 0 0 0-5-6.7',
  // A speech bubble: talking together.
  talk: 'M4 5h16v11H9l-5 4z',
  // A heart: what matters.
  heart: 'M12 20s-8-4.6-8-10.5A4.5 4.5 0 0 1 12 6a4.5 4.5 0 0 1 8 3.5C20 15.4 12 20 12 20z',
  // A light bulb: ideas.
  bulb: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z',
};

/** Template section id → symbol. Sections not listed get the light bulb. */
const BY_SECTION: Record<string, keyof typeof SYMBOLS> = {
  assets: 'toolbox',
  goals: 'target',
  objectives: 'target',
  plan: 'map',
  'get-going': 'arrow',
  'co-design': 'arrow',
  celebrate: 'star',
  stakeholders: 'people',
  engage: 'talk',
  'good-life': 'heart',
  strengths: 'toolbox',
  ideas: 'bulb',
};

export function symbolFor(sectionId: string): string {
  return BY_SECTION[sectionId] ?? 'bulb';
}

export function SymbolIcon({ name, className }: { name: string; className?: string }) {
  return (
    <svg
      className={`easy-symbol${className ? ` ${className}` : ''}`}
      viewBox="0 0 24 24"
      width="2em"
      height="2em"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={SYMBOLS[name] ?? SYMBOLS.bulb} />
    </svg>
  );
}

/** In easy-read mode: the section's symbol and its plain-words label. Otherwise nothing. */
export function SectionSymbol({ sectionId }: { sectionId: string }) {
  const { on, t } = useEasyRead();
  if (!on) return null;
  const name = symbolFor(sectionId);
  return (
    <p className={`section-symbol section-symbol--${name}`} data-symbol={name}>
      <SymbolIcon name={name} />
      <span className="section-symbol__label">{t(`easyRead.symbol.${name}`)}</span>
    </p>
  );
}
