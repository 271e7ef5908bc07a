/**
 * The frame of the audit screens: only for people who are privacy officer somewhere (the API
 * checks every call; this only spares others a screen of refusals), with links between them.
 */
import { tablesWhere } from '@fourfold/shared/access-policy';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ForbiddenPage } from '../../../components/forbidden-page';
import { useSession } from '../../auth/use-session';
import { AuditSubnav } from '../components/audit-subnav';

export function AuditLayout() {
  const { actor } = useSession();
  const { t } = useTranslation('audit');
  if (tablesWhere(actor, 'audit.read').length === 0) {
    return <ForbiddenPage reason={t('forbidden')} />;
  }
  return (
    <div className="audit-page">
      <AuditSubnav />
      <Outlet />
    </div>
  );
}
