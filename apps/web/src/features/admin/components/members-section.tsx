/**
 * A table's members: who, for which agency, in which role, and which agreement version they
 * accepted; changing a role, removing a member (after a confirmation), and adding one: choose the
 * agency, then one of its active users, then the role.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '@fourfold/shared/access-policy';
import { USERS_PAGE_SIZE_MAX, type AdminMember, type AdminTable } from '@fourfold/shared/admin';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { ApiError } from '../../../lib/api-client';
import { apiFieldErrors, errorFor, type FieldError } from '../../../lib/field-errors';
import { useAddMember } from '../api/add-member';
import { useAgencies } from '../api/get-agencies';
import { useMembers } from '../api/get-members';
import { useUsers } from '../api/get-users';
import { useRemoveMember } from '../api/remove-member';
import { useUpdateMember } from '../api/update-member';
import type { Confirmation } from './confirm-dialog';

type Props = {
  table: AdminTable;
  onStatus: (message: string) => void;
  ask: (confirmation: Confirmation) => void;
};

export function MembersSection({ table, onStatus, ask }: Props) {
  const { t } = useTranslation('admin');
  const members = useMembers(table.id);
  const remove = useRemoveMember();

  return (
    <section aria-labelledby="table-members-heading">
      <h2 id="table-members-heading">{t('members.heading')}</h2>
      <QueryState query={members} empty={<p>{t('members.none')}</p>}>
        {(rows) => (
          <div className="admin-table-wrap">
            <table className="data-table data-table--cards">
              <caption>{t('members.caption', { table: table.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('members.columns.name')}</th>
                  <th scope="col">{t('members.columns.agency')}</th>
                  <th scope="col">{t('members.columns.role')}</th>
                  <th scope="col">{t('members.columns.agreement')}</th>
                  <th scope="col">{t('columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((member) => (
                  <tr key={member.user.id}>
                    <th scope="row">
                      {member.user.displayName}
                      {member.user.active ? null : (
                        <span className="tag">{t('status.userInactive')}</span>
                      )}
                    </th>
                    <td data-label={t('members.columns.agency')}>
                      {member.agency?.name ?? t('users.noAgency')}
                    </td>
                    <td data-label={t('members.columns.role')}>
                      <RoleChanger tableId={table.id} member={member} onStatus={onStatus} />
                      {member.status === 'pending' ? (
                        <p className="field__hint">{t('members.pending')}</p>
                      ) : null}
                    </td>
                    <td data-label={t('members.columns.agreement')}>
                      {member.acceptedVersion === null
                        ? t('members.notAccepted')
                        : member.acceptedVersion === table.agreementVersion
                          ? t('members.accepted', { version: member.acceptedVersion })
                          : t('members.acceptedOld', { version: member.acceptedVersion })}
                    </td>
                    <td data-label={t('columns.actions')}>
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-label={t('members.removeLabel', { name: member.user.displayName })}
                        onClick={() =>
                          ask({
                            title: t('members.remove.title', {
                              name: member.user.displayName,
                              table: table.name,
                            }),
                            body: t('members.remove.body'),
                            confirmLabel: t('members.remove.confirm'),
                            action: async () => {
                              await remove.mutateAsync({
                                tableId: table.id,
                                userId: member.user.id,
                              });
                              onStatus(t('members.removed', { name: member.user.displayName }));
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
      </QueryState>
      <AddMemberForm table={table} members={members.data ?? []} onStatus={onStatus} />
    </section>
  );
}

/** A role picker and its own button in a member's row: a change is made on purpose, not on input. */
function RoleChanger({
  tableId,
  member,
  onStatus,
}: {
  tableId: string;
  member: AdminMember;
  onStatus: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const update = useUpdateMember();
  const [role, setRole] = useState<Role>(member.role);
  const selectId = `member-role-${member.user.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (role === member.role) return;
    try {
      const changed = await update.mutateAsync({ tableId, userId: member.user.id, role });
      const values = { name: member.user.displayName, role: t(`roles.${role}`) };
      onStatus(
        changed.status === 'pending'
          ? t('members.roleChangedPending', values)
          : t('members.roleChanged', values),
      );
    } catch {
      // Shown below from the mutation's error.
    }
  }

  return (
    <form className="admin-inline-form" onSubmit={submit}>
      <label htmlFor={selectId} className="visually-hidden">
        {t('members.roleOf', { name: member.user.displayName })}
      </label>
      <select id={selectId} value={role} onChange={(event) => setRole(event.target.value as Role)}>
        {roles.map((value) => (
          <option key={value} value={value}>
            {t(`roles.${value}`)}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button--secondary"
        disabled={update.isPending}
        aria-label={t('members.changeRoleLabel', { name: member.user.displayName })}
      >
        {t('members.changeRole')}
      </button>
      {update.error ? <ProblemAlert error={update.error} /> : null}
    </form>
  );
}

const ADD_IDS = { agency: 'member-add-agency', userId: 'member-add-user', role: 'member-add-role' };

function AddMemberForm({
  table,
  members,
  onStatus,
}: {
  table: AdminTable;
  members: readonly AdminMember[];
  onStatus: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const agencies = useAgencies();
  const add = useAddMember();
  const [agencyId, setAgencyId] = useState('');
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const users = useUsers(
    { agencyId, active: 'true', pageSize: USERS_PAGE_SIZE_MAX },
    { enabled: agencyId !== '' },
  );

  const memberIds = new Set(members.map((member) => member.user.id));
  const tableAgencyIds = new Set(table.agencies.map((agency) => agency.id));
  // The table's own agencies first: that is where coordinators and representatives come from.
  const agencyOptions = (agencies.data ?? [])
    .filter((agency) => agency.active)
    .sort((a, b) => Number(tableAgencyIds.has(b.id)) - Number(tableAgencyIds.has(a.id)))
    .map((agency) => ({
      value: agency.id,
      label: tableAgencyIds.has(agency.id)
        ? t('members.add.memberAgency', { name: agency.name })
        : agency.name,
    }));
  const userOptions = (users.data?.items ?? [])
    .filter((user) => !memberIds.has(user.id))
    .map((user) => ({ value: user.id, label: `${user.displayName} (${user.email})` }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!agencyId) found.push({ fieldId: ADD_IDS.agency, message: t('members.add.chooseAgency') });
    if (!userId) found.push({ fieldId: ADD_IDS.userId, message: t('members.add.chooseUser') });
    if (!role) found.push({ fieldId: ADD_IDS.role, message: t('members.add.chooseRole') });
    setErrors(found);
    setProblem(null);
    if (found.length > 0 || !role) {
      setAttempt((n) => n + 1);
      return;
    }
    try {
      const member = await add.mutateAsync({ tableId: table.id, userId, role });
      setUserId('');
      setRole('');
      const values = { name: member.user.displayName, role: t(`roles.${member.role}`) };
      onStatus(
        member.status === 'pending'
          ? t('members.addedPending', values)
          : t('members.added', values),
      );
    } catch (error) {
      const fieldErrors = apiFieldErrors(
        error,
        { userId: ADD_IDS.userId, role: ADD_IDS.role },
        (path, code) =>
          code === 'CONFLICT'
            ? t('members.add.already')
            : path === 'role'
              ? t('members.add.roleNeedsMemberAgency')
              : t('members.add.userNotEligible'),
      );
      setErrors(fieldErrors);
      if (fieldErrors.length > 0) setAttempt((n) => n + 1);
      else if (error instanceof ApiError && error.code === 'CONFLICT') {
        setProblem(t('members.add.tableInactive'));
      } else setProblem(error);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('members.add.legend')}</legend>
        <p className="field__hint">{t('members.add.hint')}</p>
        <ErrorSummary errors={errors} attempt={attempt} headingLevel={3} />
        {typeof problem === 'string' ? (
          <div role="alert" className="alert alert--error">
            <p className="alert__title">{problem}</p>
          </div>
        ) : problem ? (
          <ProblemAlert error={problem} />
        ) : null}
        <SelectField
          id={ADD_IDS.agency}
          label={t('members.add.agency')}
          value={agencyId}
          onChange={(value) => {
            setAgencyId(value);
            setUserId('');
          }}
          emptyLabel={t('form.choose')}
          options={agencyOptions}
          required
          error={errorFor(errors, ADD_IDS.agency)}
        />
        <SelectField
          id={ADD_IDS.userId}
          label={t('members.add.user')}
          hint={
            agencyId === ''
              ? t('members.add.userHintNoAgency')
              : users.isPending
                ? t('loading')
                : userOptions.length === 0
                  ? t('members.add.noUsers')
                  : undefined
          }
          value={userId}
          onChange={setUserId}
          emptyLabel={t('form.choose')}
          options={userOptions}
          disabled={agencyId === ''}
          required
          error={errorFor(errors, ADD_IDS.userId)}
        />
        <SelectField
          id={ADD_IDS.role}
          label={t('members.add.role')}
          value={role}
          onChange={(value) => setRole(value as Role | '')}
          emptyLabel={t('form.choose')}
          options={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
          required
          error={errorFor(errors, ADD_IDS.role)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            {add.isPending ? t('form.working') : t('members.add.submit')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
