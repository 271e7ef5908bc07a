/**
 * /admin/users: users a page at a time, filtered by agency, table and status (kept in the address,
 * so Back and bookmarks work), and adding a user, who is e-mailed an invitation link.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { UserCreated, UserListQuery } from '@fourfold/shared/admin';
import { SelectField } from '../../../components/form-fields';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { useCreateUser } from '../api/create-user';
import { useAgencies } from '../api/get-agencies';
import { useTables } from '../api/get-tables';
import { useUsers } from '../api/get-users';
import { AdminSubnav } from '../components/admin-subnav';
import { LinkPanel } from '../components/link-panel';
import { UserForm } from '../components/user-form';
import { UserStatus } from '../components/user-status';

const PAGE_SIZE = 25;
const STATUSES = ['true', 'false'] as const;

type Filters = { agencyId: string; tableId: string; active: string };

export function UsersRoute() {
  const { t } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const create = useCreateUser();
  const [created, setCreated] = useState<UserCreated | null>(null);

  const filters = {
    agencyId: params.get('agencyId') ?? '',
    tableId: params.get('tableId') ?? '',
    active: params.get('active') ?? 'true',
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query: UserListQuery = {
    ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
    ...(filters.tableId ? { tableId: filters.tableId } : {}),
    ...((STATUSES as readonly string[]).includes(filters.active)
      ? { active: filters.active as 'true' | 'false' }
      : {}),
    page,
    pageSize: PAGE_SIZE,
  };
  const users = useUsers(query);
  const pages = users.data ? Math.max(1, Math.ceil(users.data.total / PAGE_SIZE)) : 1;

  function applyFilters(draft: Filters) {
    const next = new URLSearchParams();
    if (draft.agencyId) next.set('agencyId', draft.agencyId);
    if (draft.tableId) next.set('tableId', draft.tableId);
    next.set('active', draft.active);
    setParams(next);
  }

  const pageLink = (target: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(target));
    return `?${next.toString()}`;
  };

  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>
      <AdminSubnav />
      <p>{t('users.intro')}</p>

      {created ? (
        <LinkPanel
          link={created.link}
          personName={created.user.displayName}
          onDismiss={() => {
            setCreated(null);
            create.reset();
          }}
        />
      ) : null}

      <section className="panel" aria-labelledby="user-add-heading">
        <h2 id="user-add-heading" className="panel__heading">
          {t('users.addHeading')}
        </h2>
        <p>{t('users.addIntro')}</p>
        <UserForm
          idPrefix="user-add"
          submitLabel={t('users.form.add')}
          onSubmit={async (values) => {
            setCreated(await create.mutateAsync(values));
          }}
        />
      </section>

      <section aria-labelledby="user-list-heading">
        <h2 id="user-list-heading">{t('users.listHeading')}</h2>
        <UserFiltersForm key={params.toString()} filters={filters} onApply={applyFilters} />

        <p role="status" aria-live="polite" className="admin-results">
          {users.data ? t('users.results', { count: users.data.total, page, pages }) : ''}
        </p>
        {users.isPending ? (
          <p className="loading">{t('loading')}</p>
        ) : users.isError ? (
          <ProblemAlert error={users.error} />
        ) : users.data.items.length === 0 ? (
          <p>{t('users.none')}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="data-table data-table--cards">
              <caption>{t('users.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.columns.name')}</th>
                  <th scope="col">{t('users.columns.email')}</th>
                  <th scope="col">{t('users.columns.agency')}</th>
                  <th scope="col">{t('users.columns.tables')}</th>
                  <th scope="col">{t('users.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">
                      <Link to={`/admin/users/${user.id}`}>{user.displayName}</Link>
                      {user.isAdministrator ? (
                        <span className="tag">{t('roles.administrator')}</span>
                      ) : null}
                    </th>
                    <td data-label={t('users.columns.email')}>{user.email}</td>
                    <td data-label={t('users.columns.agency')}>
                      {user.agency?.name ?? t('users.noAgency')}
                    </td>
                    <td data-label={t('users.columns.tables')}>
                      {user.memberships.length === 0
                        ? t('users.noTables')
                        : user.memberships
                            .map((m) => `${m.table.name} (${t(`roles.${m.role}`)})`)
                            .join(', ')}
                    </td>
                    <td data-label={t('users.columns.status')}>
                      <UserStatus user={user} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav className="admin-pager" aria-label={t('users.pager.label')}>
            {page > 1 ? <Link to={pageLink(page - 1)}>{t('users.pager.previous')}</Link> : null}
            <span>{t('users.pager.page', { page, pages })}</span>
            {page < pages ? <Link to={pageLink(page + 1)}>{t('users.pager.next')}</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

/** The filters as chosen, applied on submit (not on each change, which would move the page). */
function UserFiltersForm({
  filters,
  onApply,
}: {
  filters: Filters;
  onApply: (filters: Filters) => void;
}) {
  const { t } = useTranslation('admin');
  const agencies = useAgencies();
  const tables = useTables();
  const [draft, setDraft] = useState(filters);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }
  return (
    <form className="admin-filters" onSubmit={submit} aria-label={t('users.filters.label')}>
      <SelectField
        id="users-filter-agency"
        label={t('users.filters.agency')}
        value={draft.agencyId}
        onChange={(agencyId) => setDraft({ ...draft, agencyId })}
        emptyLabel={t('users.filters.all')}
        options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
      />
      <SelectField
        id="users-filter-table"
        label={t('users.filters.table')}
        value={draft.tableId}
        onChange={(tableId) => setDraft({ ...draft, tableId })}
        emptyLabel={t('users.filters.all')}
        options={(tables.data ?? []).map((table) => ({ value: table.id, label: table.name }))}
      />
      <SelectField
        id="users-filter-status"
        label={t('users.filters.status')}
        value={draft.active}
        onChange={(active) => setDraft({ ...draft, active })}
        options={[
          { value: 'true', label: t('users.filters.active') },
          { value: 'false', label: t('users.filters.inactive') },
          { value: 'all', label: t('users.filters.anyStatus') },
        ]}
      />
      <div className="admin-filters__actions">
        <button type="submit" className="button button--secondary">
          {t('users.filters.apply')}
        </button>
      </div>
    </form>
  );
}
