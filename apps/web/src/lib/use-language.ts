/** The language the page is shown in, as the code lists and date formats name it. */
import { useTranslation } from 'react-i18next';
import type { Language } from '@fourfold/shared/taxonomy';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'fr' ? 'fr' : 'en';
}
