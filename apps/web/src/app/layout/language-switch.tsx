/**
 * Switches between English and French, as on Ontario government sites: one button that names the
 * other language in that language ("Français" / "English"), marked with its lang so that screen
 * readers pronounce it correctly. The choice is stored for the next visit.
 */
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/i18n';
import { isLanguage, type Language } from '../i18n/languages';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  const other: Language = current === 'en' ? 'fr' : 'en';
  return (
    <button
      type="button"
      className="language-switch"
      lang={other}
      onClick={() => void changeLanguage(other)}
    >
      {t('language.switch')}
    </button>
  );
}
