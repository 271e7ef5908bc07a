/**
 * The gate in front of the administration pages: only administrators pass (the API refuses
 * everyone else anyway, and the navigation offers the pages to administrators only).
 */
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { ForbiddenPage } from '../../../components/forbidden-page';
import { useSession } from '../../auth/use-session';

export function RequireAdministrator() {
  const { me } = useSession();
  const { t } = useTranslation('admin');
  if (!me.user.isAdministrator) {
    return <ForbiddenPage reason={t('forbidden')} />;
  }
  return <Outlet />;
}
