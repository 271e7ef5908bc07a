/** /admin/tables: every situation table, and adding one. */
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { QueryState } from '../../../components/query-state';
import { useLanguage } from '../../../lib/use-language';
import { useCreateTable } from '../api/create-table';
import { useTables } from '../api/get-tables';
import { AdminSubnav } from '../components/admin-subnav';
import { TableForm } from '../components/table-form';
import { weekdayName } from '../../../lib/format';

export function TablesRoute() {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const tables = useTables();
  const create = useCreateTable();
  const navigate = useNavigate();

  return (
    <>
      <PageHeading>{t('tables.title')}</PageHeading>
      <AdminSubnav />
      <p>{t('tables.intro')}</p>

      <section aria-labelledby="table-list-heading">
        <h2 id="table-list-heading">{t('tables.listHeading')}</h2>
        <QueryState query={tables} empty={<p>{t('tables.none')}</p>}>
          {(rows) => (
            <div className="admin-table-wrap">
              <table className="data-table data-table--cards">
                <caption>{t('tables.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('tables.columns.name')}</th>
                    <th scope="col">{t('tables.columns.prefix')}</th>
                    <th scope="col">{t('tables.columns.municipality')}</th>
                    <th scope="col">{t('tables.columns.meetings')}</th>
                    <th scope="col">{t('tables.columns.agencies')}</th>
                    <th scope="col">{t('tables.columns.members')}</th>
                    <th scope="col">{t('tables.columns.agreement')}</th>
                    <th scope="col">{t('tables.columns.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((table) => (
                    <tr key={table.id}>
                      <th scope="row">
                        <Link to={`/admin/tables/${table.id}`}>{table.name}</Link>
                      </th>
                      <td data-label={t('tables.columns.prefix')}>{table.referencePrefix}</td>
                      <td data-label={t('tables.columns.municipality')}>{table.municipality}</td>
                      <td data-label={t('tables.columns.meetings')}>
                        {table.meetingWeekday
                          ? [weekdayName(table.meetingWeekday, language), table.meetingTime]
                              .filter(Boolean)
                              .join(', ')
                          : t('tables.notSet')}
                      </td>
                      <td data-label={t('tables.columns.agencies')}>{table.agencies.length}</td>
                      <td data-label={t('tables.columns.members')}>{table.memberCount}</td>
                      <td data-label={t('tables.columns.agreement')}>
                        {table.agreementVersion === null
                          ? t('tables.noAgreement')
                          : t('tables.agreementVersion', { version: table.agreementVersion })}
                      </td>
                      <td data-label={t('tables.columns.status')}>
                        {table.active ? t('status.tableActive') : t('status.tableInactive')}
                        {table.requiresSecondFactor ? (
                          <span className="tag">{t('tables.twoStep')}</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>

      <section className="panel" aria-labelledby="table-add-heading">
        <h2 id="table-add-heading" className="panel__heading">
          {t('tables.addHeading')}
        </h2>
        <TableForm
          idPrefix="table-add"
          submitLabel={t('tables.form.add')}
          onSubmit={async (values) => {
            const table = await create.mutateAsync(values);
            navigate(`/admin/tables/${table.id}`, { state: { created: true } });
          }}
        />
      </section>
    </>
  );
}
