/**
 * The two official languages of the app, how the first one is chosen and how a choice is kept.
 * Kept apart from the i18next setup so that it is plain functions, easy to reason about.
 */
export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

export const defaultLanguage: Language = 'en';

/** Only the language choice is stored in the browser: never anything about a person. */
const STORAGE_KEY = 'fourfold.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The stored choice, else the first of the browser's languages that we have, else English. */
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = tag.split('-')[0]?.toLowerCase();
    if (isLanguage(primary)) return primary;
  }
  return defaultLanguage;
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be disabled by policy or private browsing; the choice then lasts for the visit.
  }
}

function readStoredLanguage(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Screen readers pick their voice from <html lang>, so it must follow every change. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}
