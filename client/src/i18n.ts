import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/i18nText.js';

/**
 * Translations live in one file per feature and language (locales/<lang>/<feature>.json), each
 * under its own top-level keys; they are merged here into one resource per language.
 */
type Strings = Record<string, unknown>;
const files = import.meta.glob<Strings>('./locales/*/*.json', { eager: true, import: 'default' });
function resourcesFor(lang: Language): Strings {
  const merged: Strings = {};
  for (const [file, strings] of Object.entries(files)) {
    if (!file.startsWith(`./locales/${lang}/`)) continue;
    for (const key of Object.keys(strings)) {
      if (key in merged) throw new Error(`translation key "${key}" is defined twice (${file})`);
    }
    Object.assign(merged, strings);
  }
  return merged;
}

/** The reader's language, remembered on this device. */
export const LANG_STORAGE_KEY = 'codesign:lang';

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** Whether the browser asks for Welsh (any of its languages). */
export function browserPrefersWelsh(): boolean {
  const nav = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  return nav.some((l) => l?.toLowerCase().startsWith('cy'));
}

function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  return browserPrefersWelsh() ? 'cy' : 'en';
}

/**
 * The language to show a board in when the person has not chosen one: Welsh if their browser
 * asks for it, otherwise the board's own language.
 */
export function defaultLanguageFor(boardLanguage: Language): Language {
  return browserPrefersWelsh() ? 'cy' : boardLanguage;
}

/** Switches the interface language and remembers the choice. */
export function setLanguage(lang: Language, remember = true): void {
  if (i18n.language === 'zz') return; // the test-only pseudo-language stays on
  if (remember) {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // ignore
    }
  }
  void i18n.changeLanguage(lang);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

function applyDocumentLanguage(lng: string): void {
  document.documentElement.lang = lng;
}

/**
 * A test-only pseudo-language: every English string wrapped in ⟦ ⟧, so a test can see any text
 * that does not come through the translation layer. Only on when 'codesign:lang' is set to it.
 */
export const PSEUDO_LANGUAGE = 'zz';
function pseudoRequested(): boolean {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === PSEUDO_LANGUAGE;
  } catch {
    return false;
  }
}
function pseudo(strings: unknown): unknown {
  if (typeof strings === 'string') return `⟦${strings}⟧`;
  if (typeof strings !== 'object' || strings === null) return strings;
  return Object.fromEntries(Object.entries(strings).map(([k, v]) => [k, pseudo(v)]));
}
const isPseudo = pseudoRequested();

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: resourcesFor('en') },
    cy: { translation: resourcesFor('cy') },
    ...(isPseudo ? { [PSEUDO_LANGUAGE]: { translation: pseudo(resourcesFor('en')) as Strings } } : {}),
  },
  lng: isPseudo ? PSEUDO_LANGUAGE : initialLanguage(),
  fallbackLng: isPseudo ? false : 'en',
  supportedLngs: isPseudo ? [...LANGUAGES, PSEUDO_LANGUAGE] : [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

export default i18n;
