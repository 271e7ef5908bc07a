/**
 * Times in the minutes are read in the table's time zone (as the PDF prints them), in the
 * interface language.
 */
import type { Language } from '@fourfold/shared/taxonomy';

const locales: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

export function formatMinutesTime(iso: string, language: Language, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locales[language], { ...options, timeZone }).format(
      new Date(iso),
    );
  } catch {
    // An unknown zone name: the browser's own zone is the better answer than none.
    return new Intl.DateTimeFormat(locales[language], options).format(new Date(iso));
  }
}

export function formatMinutesDate(iso: string, language: Language, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone }).format(
      new Date(iso),
    );
  } catch {
    return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long' }).format(new Date(iso));
  }
}
