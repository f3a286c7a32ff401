/**
 * English and French for the whole app: i18next with one namespace per page, bundled (no
 * request at start). The language is the reader's last choice, else the browser's, else English;
 * it is also written on <html lang> so that screen readers and hyphenation follow it.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources.js';

/** The languages the app speaks. */
export const LANGUAGES = ['en', 'fr'] as const;
/** One of LANGUAGES. */
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'proverka.language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'fr') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Switches the interface language and remembers it. */
export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  await i18next.changeLanguage(language);
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

await i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export default i18next;
