/** The signed-in person's situation tables, their role on each, and where they stand with the agreement. */
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { rolesGranting } from '@fourfold/shared/access-policy';
import { useSession } from '../use-session';

/** Roles whose members work with situations: their table names lead to the table's page. */
const situationRoles = rolesGranting('situation.viewDeidentified');

export function MyTables() {
  const { t } = useTranslation('auth');
  const { t: tAgreements } = useTranslation('agreements');
  const { me } = useSession();
  const { pathname } = useLocation();
  return (
    <section className="panel" aria-labelledby="my-tables-heading">
      <h2 id="my-tables-heading">{t('myTables.heading')}</h2>
      {me.memberships.length === 0 ? (
        <p>{t('myTables.none')}</p>
      ) : (
        <table className="data-table data-table--cards">
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
                  {situationRoles.includes(membership.role) ? (
                    <Link to={`/tables/${membership.table.id}`}>{membership.table.name}</Link>
                  ) : (
                    membership.table.name
                  )}
                  {membership.requiresSecondFactor ? (
                    <span className="tag">{t('myTables.twoStep')}</span>
                  ) : null}
                </th>
                <td data-label={t('myTables.role')}>{t(`roles.${membership.role}`)}</td>
                <td data-label={t('myTables.agreement')}>
                  {membership.agreement.currentVersion === null ? (
                    t('myTables.noAgreement')
                  ) : membership.agreement.accepted ? (
                    t('myTables.accepted', { version: membership.agreement.currentVersion })
                  ) : membership.requiresSecondFactor && !me.session.secondFactor ? (
                    // The table refuses even its agreement to a session without a second factor.
                    <Link to="/account#two-step">{tAgreements('myTables.twoStepFirst')}</Link>
                  ) : (
                    <Link
                      to={`/tables/${membership.table.id}/agreement?next=${encodeURIComponent(pathname)}`}
                    >
                      {tAgreements('myTables.readAndAccept')}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
