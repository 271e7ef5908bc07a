/**
 * The situations of the table whose person matched this one's names and date of birth within
 * the repeat window, shown only inside the revealed identity (the API answers them only there).
 * "Possible": a match of typed names and a date is a lead for the table to check, not a proof.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PossibleRepeat } from '@fourfold/shared/situations';

export function PossibleRepeats({ repeats }: { repeats: readonly PossibleRepeat[] }) {
  const { t } = useTranslation('situations');
  if (repeats.length === 0) return null;
  return (
    <section className="identity-view__repeats" aria-labelledby="identity-repeats-heading">
      <h3 id="identity-repeats-heading">{t('identity.repeats.heading')}</h3>
      <p className="field__hint">{t('identity.repeats.hint')}</p>
      <ul>
        {repeats.map((repeat) => (
          <li key={repeat.situationId}>
            <Link to={`/situations/${repeat.situationId}`}>
              {repeat.relation === 'earlier'
                ? t('identity.repeats.earlier', { reference: repeat.reference })
                : t('identity.repeats.later', { reference: repeat.reference })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
