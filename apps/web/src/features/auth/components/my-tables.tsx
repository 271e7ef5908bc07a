/** The signed-in person's situation tables, their role on each, and where they stand with the agreement. */
import { useTranslation } from 'react-i18next';
import { useSession } from '../use-session';

export function MyTables() {
  const { t } = useTranslation('auth');
  const { me } = useSession();
  return (
    <section className="panel" aria-labelledby="my-tables-heading">
      <h2 id="my-tables-heading">{t('myTables.heading')}</h2>
      {me.memberships.length === 0 ? (
        <p>{t('myTables.none')}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('myTables.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('myTables.table')}</th>
              <th scope="col">{t('myTables.role')}</th>
              <th scope="col">{t('myTables.agreement')}</th>
            </tr>
          </thead>
          <tbody>
            {me.memberships.map((membership) => (
              <tr key={membership.table.id}>
                <th scope="row">
                  {membership.table.name}
                  {membership.requiresSecondFactor ? (
                    <span className="tag">{t('myTables.twoStep')}</span>
                  ) : null}
                </th>
                <td>{t(`roles.${membership.role}`)}</td>
                <td>
                  {membership.agreement.currentVersion === null
                    ? t('myTables.noAgreement')
                    : membership.agreement.accepted
                      ? t('myTables.accepted', { version: membership.agreement.currentVersion })
                      : t('myTables.notAccepted')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
