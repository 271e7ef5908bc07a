/**
 * /memberships: the second person of separation of duties. Coordinators and privacy officers see
 * the pending and recently granted memberships of their tables; whoever the API says may confirm
 * one (`canConfirm`) confirms or declines it here. `?table=<id>` shows one table (the link from a
 * table's page).
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { RECENT_GRANT_DAYS, type MembershipGrant } from '@fourfold/shared/memberships';
import { tablesWhere } from '@fourfold/shared/access-policy';
import { ForbiddenPage } from '../../../components/forbidden-page';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { formatDateTime } from '../../../lib/format';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import {
  useDecideMembership,
  useMembershipReview,
  type MembershipDecision,
} from '../api/membership-review';

export function MembershipsRoute() {
  const { t } = useTranslation('memberships');
  const { actor } = useSession();
  // Only coordinators and privacy officers confirm memberships; anyone else is told so.
  if (tablesWhere(actor, 'membership.review').length === 0) {
    return <ForbiddenPage reason={t('forbidden')} />;
  }
  return <MembershipReview />;
}

function MembershipReview() {
  const { t } = useTranslation('memberships');
  const [params] = useSearchParams();
  const parsed = z.uuid().safeParse(params.get('table'));
  const tableId = parsed.success ? parsed.data : undefined;
  const review = useMembershipReview(tableId);
  const decide = useDecideMembership();
  const [status, setStatus] = useState<string | null>(null);

  async function act(grant: MembershipGrant, decision: MembershipDecision) {
    setStatus(null);
    const values = {
      name: grant.member.displayName,
      role: t(`roles.${grant.role}`),
      table: grant.table.name,
    };
    try {
      await decide.mutateAsync({ membershipId: grant.id, decision });
      setStatus(t(decision === 'confirm' ? 'pending.confirmed' : 'pending.declined', values));
    } catch {
      // Shown below from the mutation's error.
    }
  }

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead')}</p>
      {tableId ? (
        <p>
          {t('tableFilter')} <Link to="/memberships">{t('showAll')}</Link>
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {status ? <p className="alert alert--success">{status}</p> : null}
      </div>
      {decide.error ? <ProblemAlert error={decide.error} /> : null}
      <QueryState query={review}>
        {(data) => (
          <>
            <section aria-labelledby="memberships-pending-heading">
              <h2 id="memberships-pending-heading">{t('pending.heading')}</h2>
              {data.pending.length === 0 ? (
                <p>{t('pending.none')}</p>
              ) : (
                <GrantTable caption={t('pending.caption')} grants={data.pending} kind="pending">
                  {(grant) =>
                    grant.canConfirm ? (
                      <div className="membership-actions">
                        <button
                          type="button"
                          className="button button--primary"
                          disabled={decide.isPending}
                          aria-label={t('pending.confirmLabel', labelValues(grant, t))}
                          onClick={() => void act(grant, 'confirm')}
                        >
                          {t('pending.confirm')}
                        </button>
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={decide.isPending}
                          aria-label={t('pending.declineLabel', labelValues(grant, t))}
                          onClick={() => void act(grant, 'decline')}
                        >
                          {t('pending.decline')}
                        </button>
                      </div>
                    ) : (
                      t('pending.notYours')
                    )
                  }
                </GrantTable>
              )}
            </section>
            <section aria-labelledby="memberships-recent-heading">
              <h2 id="memberships-recent-heading">
                {t('recent.heading', { days: RECENT_GRANT_DAYS })}
              </h2>
              {data.recent.length === 0 ? (
                <p>{t('recent.none', { days: RECENT_GRANT_DAYS })}</p>
              ) : (
                <GrantTable
                  caption={t('recent.caption', { days: RECENT_GRANT_DAYS })}
                  grants={data.recent}
                  kind="recent"
                />
              )}
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}

type T = ReturnType<typeof useTranslation<'memberships'>>['t'];

function labelValues(grant: MembershipGrant, t: T) {
  return {
    name: grant.member.displayName,
    role: t(`roles.${grant.role}`),
    table: grant.table.name,
  };
}

function GrantTable({
  caption,
  grants,
  kind,
  children,
}: {
  caption: string;
  grants: readonly MembershipGrant[];
  kind: 'pending' | 'recent';
  children?: (grant: MembershipGrant) => ReactNode;
}) {
  const { t } = useTranslation('memberships');
  const language = useLanguage();
  return (
    <div className="membership-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table data-table--cards">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.person')}</th>
            <th scope="col">{t('columns.agency')}</th>
            <th scope="col">{t('columns.table')}</th>
            <th scope="col">{t('columns.role')}</th>
            <th scope="col">{t('columns.requested')}</th>
            {kind === 'recent' ? <th scope="col">{t('columns.granted')}</th> : null}
            {children ? <th scope="col">{t('columns.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {grants.map((grant) => (
            <tr key={grant.id}>
              <th scope="row">
                {grant.member.displayName}
                <br />
                <span className="field__hint">{grant.member.email}</span>
              </th>
              <td data-label={t('columns.agency')}>{grant.agency?.name ?? t('nobody')}</td>
              <td data-label={t('columns.table')}>{grant.table.name}</td>
              <td data-label={t('columns.role')}>{t(`roles.${grant.role}`)}</td>
              <td data-label={t('columns.requested')}>
                {t('by', {
                  name: grant.requestedBy?.displayName ?? t('nobody'),
                  date: formatDateTime(grant.requestedAt, language),
                })}
              </td>
              {kind === 'recent' ? (
                <td data-label={t('columns.granted')}>
                  {grant.status === 'confirmed'
                    ? t('status.confirmed', { name: grant.confirmedBy?.displayName ?? '' })
                    : t(`status.${grant.status}`, { name: '' })}
                  {grant.confirmedAt ? (
                    <>
                      <br />
                      {formatDateTime(grant.confirmedAt, language)}
                    </>
                  ) : null}
                </td>
              ) : null}
              {children ? <td data-label={t('columns.actions')}>{children(grant)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
