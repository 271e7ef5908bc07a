/** /admin/agencies: every agency, adding one, changing one, deactivating and reactivating. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminAgency } from '@fourfold/shared/admin';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useCreateAgency } from '../api/create-agency';
import { useAgencies } from '../api/get-agencies';
import { useSetAgencyActive } from '../api/set-agency-active';
import { useUpdateAgency } from '../api/update-agency';
import { AdminSubnav } from '../components/admin-subnav';
import { AgencyForm } from '../components/agency-form';
import { ConfirmDialog } from '../components/confirm-dialog';
import { StatusMessage } from '../components/status-message';
import { useConfirmation } from '../hooks/use-confirmation';
import { useEditing } from '../hooks/use-editing';

export function AgenciesRoute() {
  const { t } = useTranslation('admin');
  const agencies = useAgencies();
  const { label: codeLabel } = useCodeLabels();
  const create = useCreateAgency();
  const update = useUpdateAgency();
  const setActive = useSetAgencyActive();
  const { ask, dialogProps } = useConfirmation();
  const [status, setStatus] = useState<string | null>(null);
  const { editing, startEditing, stopEditing, editHeading, listHeading } =
    useEditing<AdminAgency>();
  const [reactivateError, setReactivateError] = useState<unknown>(null);

  function edit(agency: AdminAgency) {
    setStatus(null);
    startEditing(agency);
  }

  function toggleActive(agency: AdminAgency) {
    setReactivateError(null);
    if (!agency.active) {
      void setActive
        .mutateAsync({ agencyId: agency.id, active: true })
        .then(() => setStatus(t('agencies.reactivated', { name: agency.name })))
        .catch(setReactivateError);
      return;
    }
    ask({
      title: t('agencies.deactivate.title', { name: agency.name }),
      body: t('agencies.deactivate.body'),
      confirmLabel: t('agencies.deactivate.confirm'),
      action: async () => {
        await setActive.mutateAsync({ agencyId: agency.id, active: false });
        setStatus(t('agencies.deactivated', { name: agency.name }));
      },
    });
  }

  return (
    <>
      <PageHeading>{t('agencies.title')}</PageHeading>
      <AdminSubnav />
      <p>{t('agencies.intro')}</p>
      <StatusMessage message={status} />
      {reactivateError ? <ProblemAlert error={reactivateError} /> : null}

      {editing ? (
        <section className="panel" aria-labelledby="agency-edit-heading">
          <h2 id="agency-edit-heading" className="panel__heading" ref={editHeading} tabIndex={-1}>
            {t('agencies.editHeading', { name: editing.name })}
          </h2>
          <AgencyForm
            key={editing.id}
            agency={editing}
            idPrefix="agency-edit"
            submitLabel={t('agencies.form.save')}
            onCancel={stopEditing}
            onSubmit={async (values) => {
              await update.mutateAsync({ agencyId: editing.id, ...values });
              setStatus(t('agencies.saved', { name: values.name }));
              stopEditing();
            }}
          />
        </section>
      ) : (
        <section className="panel" aria-labelledby="agency-add-heading">
          <h2 id="agency-add-heading" className="panel__heading">
            {t('agencies.addHeading')}
          </h2>
          <AgencyForm
            idPrefix="agency-add"
            submitLabel={t('agencies.form.add')}
            onSubmit={async (values) => {
              await create.mutateAsync(values);
              setStatus(t('agencies.added', { name: values.name }));
            }}
          />
        </section>
      )}

      <section aria-labelledby="agency-list-heading">
        <h2 id="agency-list-heading" ref={listHeading} tabIndex={-1}>
          {t('agencies.listHeading')}
        </h2>
        <QueryState query={agencies} empty={<p>{t('agencies.none')}</p>}>
          {(rows) => (
            <div className="admin-table-wrap">
              <table className="data-table data-table--cards">
                <caption>{t('agencies.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agencies.columns.name')}</th>
                    <th scope="col">{t('agencies.columns.sector')}</th>
                    <th scope="col">{t('agencies.columns.tables')}</th>
                    <th scope="col">{t('agencies.columns.users')}</th>
                    <th scope="col">{t('agencies.columns.status')}</th>
                    <th scope="col">{t('columns.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((agency) => (
                    <tr key={agency.id}>
                      <th scope="row">{agency.name}</th>
                      <td data-label={t('agencies.columns.sector')}>
                        {codeLabel('sector', agency.sector)}
                      </td>
                      <td data-label={t('agencies.columns.tables')}>
                        {agency.tables.length === 0
                          ? t('agencies.noTables')
                          : agency.tables.map((table) => table.name).join(', ')}
                      </td>
                      <td data-label={t('agencies.columns.users')}>{agency.activeUserCount}</td>
                      <td data-label={t('agencies.columns.status')}>
                        {agency.active ? t('status.active') : t('status.inactive')}
                      </td>
                      <td data-label={t('columns.actions')}>
                        <div className="admin-actions">
                          <button
                            type="button"
                            className="button button--secondary"
                            onClick={() => edit(agency)}
                            aria-label={t('agencies.editLabel', { name: agency.name })}
                          >
                            {t('actions.edit')}
                          </button>
                          <button
                            type="button"
                            className="button button--secondary"
                            onClick={() => toggleActive(agency)}
                            aria-label={
                              agency.active
                                ? t('agencies.deactivateLabel', { name: agency.name })
                                : t('agencies.reactivateLabel', { name: agency.name })
                            }
                          >
                            {agency.active ? t('actions.deactivate') : t('actions.reactivate')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>
      <ConfirmDialog {...dialogProps} />
    </>
  );
}
