import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/i18nText.js';

/**
 * Translations live in one file per feature and language (locales/<lang>/<feature>.json), merged
 * into one resource per language here. Each language (localeBundles/<lang>.ts) is its own chunk and
 * only the reader's is loaded (about 10 KB compressed each): the app renders once it is in
 * (`i18nReady`, awaited in main.tsx; the fetch overlaps the rest of the start-up), and switching
 * language loads the other one before switching. Every language's own name is always there, for
 * the language switch.
 */
type Strings = Record<string, unknown>;
const bundles: Record<Language, () => Promise<Record<string, Strings>>> = {
  en: () => import('./localeBundles/en.js').then((m) => m.default),
  cy: () => import('./localeBundles/cy.js').then((m) => m.default),
};

/** One language's feature files merged into one resource; each file owns its top-level keys. */
function mergeFiles(files: Record<string, Strings>): Strings {
  const merged: Strings = {};
  for (const [file, strings] of Object.entries(files)) {
    for (const key of Object.keys(strings)) {
      if (key in merged) throw new Error(`translation key "${key}" is defined twice (${file})`);
    }
    Object.assign(merged, strings);
  }
  return merged;
}
/** Each language's name in that language, shown by the language switch before it is loaded. */
const OWN_NAMES: Record<Language, string> = { en: 'English', cy: 'Cymraeg' };
const loaded = new Map<Language, Promise<void>>();

/** Loads a language's strings once (a failed load is tried again next time). */
export function loadLanguage(lang: Language): Promise<void> {
  let p = loaded.get(lang);
  if (!p) {
    p = bundles[lang]().then((files) => {
      i18n.addResourceBundle(lang, 'translation', mergeFiles(files), true, true);
    });
    p.catch(() => loaded.delete(lang));
    loaded.set(lang, p);
  }
  return p;
}

/**
 * Namespaces of their own: text that only some pages show (the privacy notice and the
 * accessibility statement), in locales/<lang>/<ns>.json but left out of the language bundles, so
 * the board's pages never download it. A page registers its namespace (registerNamespace) and
 * waits for it; from then on, switching language loads that namespace too before switching.
 */
const namespaces = new Map<string, Record<Language, () => Promise<Strings>>>();
const namespacesLoaded = new Map<string, Promise<void>>();

function loadNamespace(ns: string, lang: Language): Promise<void> {
  const load = namespaces.get(ns)?.[lang];
  if (!load) return Promise.resolve();
  const key = `${ns}:${lang}`;
  let p = namespacesLoaded.get(key);
  if (!p) {
    p = load().then((strings) => {
      i18n.addResourceBundle(lang, ns, strings, true, true);
      if (isPseudo && lang === 'en') i18n.addResourceBundle(PSEUDO_LANGUAGE, ns, pseudo(strings) as Strings, true, true);
    });
    p.catch(() => namespacesLoaded.delete(key));
    namespacesLoaded.set(key, p);
  }
  return p;
}

/** Registers a namespace's files and loads it in the reader's language (English for the pseudo-language). */
export function registerNamespace(ns: string, loaders: Record<Language, () => Promise<Strings>>): Promise<void> {
  namespaces.set(ns, loaders);
  return loadNamespace(ns, isPseudo ? 'en' : currentLanguage());
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
  const nav = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
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
  void Promise.all([loadLanguage(lang), ...[...namespaces.keys()].map((ns) => loadNamespace(ns, lang))])
    .catch(() => undefined)
    .then(() => i18n.changeLanguage(lang));
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

const startLanguage: Language = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: { language: { ownName: OWN_NAMES[l] } } }])),
  lng: isPseudo ? PSEUDO_LANGUAGE : startLanguage,
  fallbackLng: isPseudo ? false : 'en',
  supportedLngs: isPseudo ? [...LANGUAGES, PSEUDO_LANGUAGE] : [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/**
 * Resolves once the reader's language is loaded (English too for the test-only pseudo-language,
 * which is made from it). If it cannot be loaded, the app starts anyway.
 */
export const i18nReady: Promise<void> = (isPseudo ? loadLanguage('en') : loadLanguage(startLanguage))
  .then(() => {
    if (isPseudo)
      i18n.addResourceBundle(PSEUDO_LANGUAGE, 'translation', pseudo(i18n.getResourceBundle('en', 'translation')) as Strings, true, true);
  })
  .catch(() => undefined);

applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

export default i18n;
