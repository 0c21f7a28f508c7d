// The web app's interface text: i18next with every catalogue bundled (no network back end).
// The language is the one the person chose (kept in localStorage), else the browser's first
// language we have, else English; <html lang> and dir follow it. Questionnaire text comes from
// the template and is not translated here.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { fr } from './fr.ts';

/** The languages of the interface, named in their own language. Adding one: a catalogue and a line here. */
export const languages = [
  { code: 'en', name: 'English', intl: 'en-GB' },
  { code: 'fr', name: 'Français', intl: 'fr-FR' },
] as const;

export type Language = (typeof languages)[number]['code'];
export const defaultLanguage: Language = 'en';
export const catalogues = { en, fr } as const;

const storageKey = 'gcm-review.language';

export function isLanguage(code: string | null | undefined): code is Language {
  return languages.some((l) => l.code === code);
}

/** The saved choice, else the first of the browser's languages we have (by primary subtag), else English. */
export function pickLanguage(saved: string | null | undefined, preferred: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return defaultLanguage;
}

function savedLanguage(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

const browserLanguages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(catalogues).map(([code, translation]) => [code, { translation }])),
  lng: pickLanguage(savedLanguage(), browserLanguages),
  fallbackLng: defaultLanguage,
  supportedLngs: languages.map((l) => l.code),
  initAsync: false,
  // React escapes what it renders; escaping here too would show &amp; and the like.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The language in use now. */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : defaultLanguage;
}

/** The locale Intl formats dates and numbers in for the language in use (en-GB: "31 August 2020"). */
export function intlLocale(): string {
  const code = currentLanguage();
  return languages.find((l) => l.code === code)?.intl ?? 'en-GB';
}

/** Switches the interface language and remembers it for the next visit. */
export async function setLanguage(code: Language): Promise<void> {
  await i18n.changeLanguage(code);
  try {
    localStorage.setItem(storageKey, code);
  } catch {
    // Storage may be disabled: the choice holds until the page is closed.
  }
}

function applyToDocument(code: string) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = code;
  document.documentElement.dir = i18n.dir(code);
}

applyToDocument(currentLanguage());
i18n.on('languageChanged', applyToDocument);

// The keys given to t() are checked against the English catalogue when type-checking.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
