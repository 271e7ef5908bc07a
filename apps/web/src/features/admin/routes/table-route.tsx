/**
 * /admin/tables/:tableId: one situation table: its settings (and deactivation), its member
 * agencies, its members and their roles, and its confidentiality agreement.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { AdminTable } from '@fourfold/shared/admin';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { useLanguage } from '../../../lib/use-language';
import { useTable } from '../api/get-table';
import { useSetTableActive } from '../api/set-table-active';
import { useUpdateTable } from '../api/update-table';
import { AdminSubnav } from '../components/admin-subnav';
import { AgreementsSection } from '../components/agreements-section';
import { ConfirmDialog, type Confirmation } from '../components/confirm-dialog';
import { MemberAgenciesSection } from '../components/member-agencies-section';
import { MembersSection } from '../components/members-section';
import { StatusMessage } from '../components/status-message';
import { TableForm } from '../components/table-form';
import { useConfirmation } from '../hooks/use-confirmation';
import { weekdayName } from '../../../lib/format';

export function TableRoute() {
  const { tableId = '' } = useParams();
  const { t } = useTranslation('admin');
  const location = useLocation();
  const table = useTable(tableId);
  const { ask, dialogProps } = useConfirmation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [status, setStatus] = useState<string | null>(created ? t('tables.created') : null);

  if (table.isPending) {
    return (
      <>
        <PageHeading>{t('tables.loadingTitle')}</PageHeading>
        <p className="loading" role="status">
          {t('loading')}
        </p>
      </>
    );
  }
  if (table.isError) {
    return (
      <>
        <PageHeading>{t('tables.errorTitle')}</PageHeading>
        <AdminSubnav />
        <ProblemAlert error={table.error} />
        <p>
          <Link to="/admin/tables">{t('tables.backToList')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading>{table.data.name}</PageHeading>
      <AdminSubnav />
      <p>
        <Link to="/admin/tables">{t('tables.backToList')}</Link>
      </p>
      <StatusMessage message={status} />
      <SettingsSection table={table.data} onStatus={setStatus} ask={ask} />
      <MemberAgenciesSection table={table.data} onStatus={setStatus} ask={ask} />
      <MembersSection table={table.data} onStatus={setStatus} ask={ask} />
      <AgreementsSection table={table.data} onStatus={setStatus} ask={ask} />
      <ConfirmDialog {...dialogProps} />
    </>
  );
}

function SettingsSection({
  table,
  onStatus,
  ask,
}: {
  table: AdminTable;
  onStatus: (message: string) => void;
  ask: (confirmation: Confirmation) => void;
}) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const update = useUpdateTable();
  const setActive = useSetTableActive();
  const [editing, setEditing] = useState(false);
  const [reactivateError, setReactivateError] = useState<unknown>(null);

  function toggleActive() {
    setReactivateError(null);
    if (!table.active) {
      void setActive
        .mutateAsync({ tableId: table.id, active: true })
        .then(() => onStatus(t('tables.reactivated', { name: table.name })))
        .catch(setReactivateError);
      return;
    }
    ask({
      title: t('tables.deactivate.title', { name: table.name }),
      body: t('tables.deactivate.body'),
      confirmLabel: t('tables.deactivate.confirm'),
      action: async () => {
        await setActive.mutateAsync({ tableId: table.id, active: false });
        onStatus(t('tables.deactivated', { name: table.name }));
      },
    });
  }

  return (
    <section aria-labelledby="table-settings-heading">
      <h2 id="table-settings-heading">{t('tables.settingsHeading')}</h2>
      {editing ? (
        <TableForm
          table={table}
          idPrefix="table-edit"
          submitLabel={t('tables.form.save')}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await update.mutateAsync({ tableId: table.id, ...values });
            setEditing(false);
            onStatus(t('tables.saved', { name: values.name }));
          }}
        />
      ) : (
        <>
          <dl className="details">
            <dt>{t('tables.form.prefix')}</dt>
            <dd>{table.referencePrefix}</dd>
            <dt>{t('tables.form.municipality')}</dt>
            <dd>{table.municipality}</dd>
            <dt>{t('tables.form.weekday')}</dt>
            <dd>
              {table.meetingWeekday
                ? weekdayName(table.meetingWeekday, language)
                : t('tables.notSet')}
            </dd>
            <dt>{t('tables.form.time')}</dt>
            <dd>{table.meetingTime ?? t('tables.notSet')}</dd>
            <dt>{t('tables.form.timeZone')}</dt>
            <dd>{table.timeZone.replace('_', ' ')}</dd>
            <dt>{t('tables.form.minRiskFactors')}</dt>
            <dd>{table.minRiskFactors}</dd>
            <dt>{t('tables.form.firstContactHours')}</dt>
            <dd>{t('tables.form.hours', { count: table.firstContactHours })}</dd>
            <dt>{t('tables.form.secondFactor')}</dt>
            <dd>{table.requiresSecondFactor ? t('yes') : t('no')}</dd>
            <dt>{t('tables.columns.status')}</dt>
            <dd>{table.active ? t('status.tableActive') : t('status.tableInactive')}</dd>
          </dl>
          {reactivateError ? <ProblemAlert error={reactivateError} /> : null}
          <div className="form__actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setEditing(true)}
            >
              {t('tables.editSettings')}
            </button>
            <button type="button" className="button button--secondary" onClick={toggleActive}>
              {table.active ? t('tables.deactivateButton') : t('tables.reactivateButton')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
