/**
 * /admin/users/:userId: one user: who they are, their tables, pending links; changing their
 * e-mail address, name, agency or administrator role; deactivating or reactivating them; and
 * e-mailing them a new one-time link (an invitation until they have set a password, a password
 * reset after), which the administrator never sees.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AdminUser, UserLink } from '@fourfold/shared/admin';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import { useUser } from '../api/get-user';
import { useIssueUserLink } from '../api/issue-user-link';
import { useSetUserActive } from '../api/set-user-active';
import { useUpdateUser } from '../api/update-user';
import { AdminSubnav } from '../components/admin-subnav';
import { ConfirmDialog } from '../components/confirm-dialog';
import { LinkPanel } from '../components/link-panel';
import { StatusMessage } from '../components/status-message';
import { UserForm } from '../components/user-form';
import { UserStatus } from '../components/user-status';
import { useConfirmation } from '../hooks/use-confirmation';
import { formatDate, formatDateTime } from '../../../lib/format';

export function UserRoute() {
  const { userId = '' } = useParams();
  const { t } = useTranslation('admin');
  const user = useUser(userId);

  if (user.isPending) {
    return (
      <>
        <PageHeading>{t('users.loadingTitle')}</PageHeading>
        <p className="loading" role="status">
          {t('loading')}
        </p>
      </>
    );
  }
  if (user.isError) {
    return (
      <>
        <PageHeading>{t('users.errorTitle')}</PageHeading>
        <AdminSubnav />
        <ProblemAlert error={user.error} />
        <p>
          <Link to="/admin/users">{t('users.backToList')}</Link>
        </p>
      </>
    );
  }
  return <UserPage user={user.data} />;
}

function UserPage({ user }: { user: AdminUser }) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const { me } = useSession();
  const isSelf = me.user.id === user.id;
  const update = useUpdateUser();
  const setActive = useSetUserActive();
  const issueLink = useIssueUserLink();
  const { ask, dialogProps } = useConfirmation();
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [link, setLink] = useState<UserLink | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  function toggleActive() {
    setActionError(null);
    if (!user.active) {
      void setActive
        .mutateAsync({ userId: user.id, active: true })
        .then(() => setStatus(t('users.reactivated', { name: user.displayName })))
        .catch(setActionError);
      return;
    }
    ask({
      title: t('users.deactivate.title', { name: user.displayName }),
      body: t('users.deactivate.body'),
      confirmLabel: t('users.deactivate.confirm'),
      action: async () => {
        await setActive.mutateAsync({ userId: user.id, active: false });
        setLink(null);
        setStatus(t('users.deactivated', { name: user.displayName }));
      },
    });
  }

  async function newLink() {
    setActionError(null);
    try {
      setLink(
        await issueLink.mutateAsync({
          userId: user.id,
          purpose: user.passwordSet ? 'reset' : 'invite',
        }),
      );
    } catch (error) {
      setActionError(error);
    }
  }

  return (
    <>
      <PageHeading>{user.displayName}</PageHeading>
      <AdminSubnav />
      <p>
        <Link to="/admin/users">{t('users.backToList')}</Link>
      </p>
      <StatusMessage message={status} />
      {actionError ? <ProblemAlert error={actionError} /> : null}
      {link ? (
        <LinkPanel
          link={link}
          personName={user.displayName}
          onDismiss={() => {
            setLink(null);
            issueLink.reset();
          }}
        />
      ) : null}

      <section aria-labelledby="user-profile-heading">
        <h2 id="user-profile-heading">{t('users.profileHeading')}</h2>
        {editing ? (
          <UserForm
            user={user}
            isSelf={isSelf}
            idPrefix="user-edit"
            submitLabel={t('users.form.save')}
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              await update.mutateAsync({
                userId: user.id,
                // Only a real change is sent: it e-mails both the old and the new address.
                ...(values.email.toLowerCase() === user.email ? {} : { email: values.email }),
                displayName: values.displayName,
                agencyId: values.agencyId,
                isAdministrator: values.isAdministrator,
              });
              setEditing(false);
              setStatus(t('users.saved', { name: values.displayName }));
            }}
          />
        ) : (
          <>
            <dl className="details">
              <dt>{t('users.columns.email')}</dt>
              <dd>{user.email}</dd>
              <dt>{t('users.columns.agency')}</dt>
              <dd>{user.agency?.name ?? t('users.noAgency')}</dd>
              <dt>{t('roles.administrator')}</dt>
              <dd>{user.isAdministrator ? t('yes') : t('no')}</dd>
              <dt>{t('users.columns.status')}</dt>
              <dd>
                <UserStatus user={user} />
              </dd>
              <dt>{t('users.secondFactor')}</dt>
              <dd>{user.secondFactorEnabled ? t('yes') : t('no')}</dd>
              <dt>{t('users.createdAt')}</dt>
              <dd>{formatDate(user.createdAt, language)}</dd>
            </dl>
            <div className="form__actions">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setEditing(true)}
              >
                {t('users.edit')}
              </button>
              {isSelf ? null : (
                <button type="button" className="button button--secondary" onClick={toggleActive}>
                  {user.active ? t('users.deactivateButton') : t('users.reactivateButton')}
                </button>
              )}
            </div>
            {isSelf ? <p className="field__hint">{t('users.selfHint')}</p> : null}
          </>
        )}
      </section>

      <section aria-labelledby="user-tables-heading">
        <h2 id="user-tables-heading">{t('users.tablesHeading')}</h2>
        {user.memberships.length === 0 ? (
          <p>{t('users.noTables')}</p>
        ) : (
          <ul>
            {user.memberships.map((membership) => (
              <li key={membership.table.id}>
                <Link to={`/admin/tables/${membership.table.id}`}>{membership.table.name}</Link>
                {' — '}
                {t(`roles.${membership.role}`)}
                {membership.status === 'pending' ? ` (${t('members.pending')})` : null}
              </li>
            ))}
          </ul>
        )}
        <p className="field__hint">{t('users.tablesHint')}</p>
      </section>

      <section aria-labelledby="user-links-heading">
        <h2 id="user-links-heading">{t('users.linksHeading')}</h2>
        {user.pendingLinks.length === 0 ? (
          <p>{t('users.noPendingLinks')}</p>
        ) : (
          <ul>
            {user.pendingLinks.map((pending) => (
              <li key={`${pending.purpose}:${pending.expiresAt}`}>
                {t(`users.pendingLink.${pending.purpose}`, {
                  expiresAt: formatDateTime(pending.expiresAt, language, { dateStyle: 'long' }),
                })}
              </li>
            ))}
          </ul>
        )}
        {user.active ? (
          <>
            <p className="field__hint">
              {user.passwordSet ? t('users.resetHint') : t('users.inviteHint')}
            </p>
            <div className="form__actions">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void newLink()}
                disabled={issueLink.isPending}
              >
                {user.passwordSet ? t('users.issueReset') : t('users.issueInvite')}
              </button>
            </div>
          </>
        ) : (
          <p>{t('users.inactiveNoLinks')}</p>
        )}
      </section>
      <ConfirmDialog {...dialogProps} />
    </>
  );
}
