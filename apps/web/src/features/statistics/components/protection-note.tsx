/** How the counts on the page are protected, with the threshold and rounding base the API used. */
import { useTranslation } from 'react-i18next';
import { HatchSwatch } from './hatch-pattern';

export function ProtectionNote({
  threshold,
  roundingBase,
}: {
  threshold: number;
  roundingBase: number;
}) {
  const { t } = useTranslation('statistics');
  return (
    <aside className="stats-protection" aria-labelledby="stats-protection-heading">
      <h2 id="stats-protection-heading">{t('protection.title')}</h2>
      <p>{t('protection.rounding', { base: roundingBase })}</p>
      <p>
        <HatchSwatch /> {t('protection.suppressed', { threshold })}
      </p>
      <p>{t('protection.shares')}</p>
    </aside>
  );
}
