/** A table's member agencies: the list, adding one, removing one (after a confirmation). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminTable } from '@fourfold/shared/admin';
import { SelectField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/problem-alert';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useAddTableAgency } from '../api/add-table-agency';
import { useAgencies } from '../api/get-agencies';
import { useRemoveTableAgency } from '../api/remove-table-agency';
import type { Confirmation } from './confirm-dialog';

export function MemberAgenciesSection({
  table,
  onStatus,
  ask,
}: {
  table: AdminTable;
  onStatus: (message: string) => void;
  ask: (confirmation: Confirmation) => void;
}) {
  const { t } = useTranslation('admin');
  const agencies = useAgencies();
  const { label: codeLabel } = useCodeLabels();
  const add = useAddTableAgency();
  const remove = useRemoveTableAgency();
  const [agencyId, setAgencyId] = useState('');
  const [missing, setMissing] = useState(false);

  const memberIds = new Set(table.agencies.map((agency) => agency.id));
  const candidates = (agencies.data ?? []).filter(
    (agency) => agency.active && !memberIds.has(agency.id),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!agencyId) {
      setMissing(true);
      document.getElementById('table-agency-add')?.focus();
      return;
    }
    setMissing(false);
    const name = candidates.find((agency) => agency.id === agencyId)?.name ?? '';
    try {
      await add.mutateAsync({ tableId: table.id, agencyId });
      setAgencyId('');
      onStatus(t('tableAgencies.added', { name }));
    } catch {
      // Shown below from the mutation's error.
    }
  }

  return (
    <section aria-labelledby="table-agencies-heading">
      <h2 id="table-agencies-heading">{t('tableAgencies.heading')}</h2>
      <p>{t('tableAgencies.intro')}</p>
      {table.agencies.length === 0 ? (
        <p>{t('tableAgencies.none')}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="data-table data-table--cards">
            <caption>{t('tableAgencies.caption', { table: table.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agencies.columns.name')}</th>
                <th scope="col">{t('agencies.columns.sector')}</th>
                <th scope="col">{t('agencies.columns.status')}</th>
                <th scope="col">{t('columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {table.agencies.map((agency) => (
                <tr key={agency.id}>
                  <th scope="row">{agency.name}</th>
                  <td data-label={t('agencies.columns.sector')}>
                    {codeLabel('sector', agency.sector)}
                  </td>
                  <td data-label={t('agencies.columns.status')}>
                    {agency.active ? t('status.active') : t('status.inactive')}
                  </td>
                  <td data-label={t('columns.actions')}>
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('tableAgencies.removeLabel', { name: agency.name })}
                      onClick={() =>
                        ask({
                          title: t('tableAgencies.remove.title', {
                            name: agency.name,
                            table: table.name,
                          }),
                          body: t('tableAgencies.remove.body'),
                          confirmLabel: t('tableAgencies.remove.confirm'),
                          refusals: { CONFLICT: t('tableAgencies.remove.refused') },
                          action: async () => {
                            await remove.mutateAsync({ tableId: table.id, agencyId: agency.id });
                            onStatus(t('tableAgencies.removed', { name: agency.name }));
                          },
                        })
                      }
                    >
                      {t('actions.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="form" onSubmit={submit} noValidate>
        {add.error ? <ProblemAlert error={add.error} /> : null}
        <SelectField
          id="table-agency-add"
          label={t('tableAgencies.add')}
          value={agencyId}
          onChange={setAgencyId}
          emptyLabel={t('form.choose')}
          options={candidates.map((agency) => ({
            value: agency.id,
            label: `${agency.name} (${codeLabel('sector', agency.sector)})`,
          }))}
          required
          error={missing ? t('tableAgencies.chooseAgency') : undefined}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            {add.isPending ? t('form.working') : t('tableAgencies.addButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
