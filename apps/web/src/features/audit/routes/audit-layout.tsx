/**
 * The frame of the audit screens: only for people who are privacy officer somewhere (the API
 * checks every call; this only spares others a screen of refusals), with links between them.
 */
import { tablesWhere } from '@fourfold/shared/access-policy';
import { Outlet } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';
import { useSession } from '../../auth/use-session';
import { AuditSubnav } from '../components/audit-subnav';

export function AuditLayout() {
  const { actor } = useSession();
  if (tablesWhere(actor, 'audit.read').length === 0) {
    return <ProblemAlert error={new ApiError({ status: 403, code: 'FORBIDDEN' })} />;
  }
  return (
    <div className="audit-page">
      <AuditSubnav />
      <Outlet />
    </div>
  );
}
