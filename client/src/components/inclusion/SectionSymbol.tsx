import { useEasyRead } from '../../hooks/useEasyRead.js';
import { Icon, type IconName } from '../ui/Icon.js';

/**
 * Easy-read symbols for the template steps: a simple picture (decorative, aria-hidden) that is
 * always shown with a short plain-words label, never on its own. The pictures are in the icon
 * module: toolbox (what we have), target (what we want), map (how we will do it), arrow (doing
 * it), star (well done), people (who takes part), talk (talking together), heart (what
 * matters), bulb (ideas).
 */
type SymbolName = Extract<IconName, 'toolbox' | 'target' | 'map' | 'arrowRight' | 'star' | 'people' | 'talk' | 'heart' | 'bulb'>;

/** Template section id → symbol. Sections not listed get the light bulb. */
const BY_SECTION: Record<string, SymbolName> = {
  assets: 'toolbox',
  goals: 'target',
  objectives: 'target',
  plan: 'map',
  'get-going': 'arrowRight',
  'co-design': 'arrowRight',
  celebrate: 'star',
  stakeholders: 'people',
  engage: 'talk',
  'good-life': 'heart',
  strengths: 'toolbox',
  ideas: 'bulb',
};

/** The label key for a symbol (easyRead.symbol.<name>); the arrow is "arrow" in the texts. */
function labelKey(name: SymbolName): string {
  return name === 'arrowRight' ? 'arrow' : name;
}

export function symbolFor(sectionId: string): SymbolName {
  return BY_SECTION[sectionId] ?? 'bulb';
}

export function SymbolIcon({ name, className }: { name: SymbolName; className?: string }) {
  return <Icon name={name} size="xl" className={`easy-symbol${className ? ` ${className}` : ''}`} />;
}

/** In easy-read mode: the section's symbol and its plain-words label. Otherwise nothing. */
export function SectionSymbol({ sectionId }: { sectionId: string }) {
  const { on, t } = useEasyRead();
  if (!on) return null;
  const name = symbolFor(sectionId);
  return (
    <p className={`section-symbol section-symbol--${labelKey(name)}`} data-symbol={labelKey(name)}>
      <SymbolIcon name={name} />
      <span className="section-symbol__label">{t(`easyRead.symbol.${labelKey(name)}`)}</span>
    </p>
  );
}
