/** A user's standing in a word: deactivated, invited (no password yet) or active. */
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '@fourfold/shared/admin';

export function UserStatus({ user }: { user: AdminUser }) {
  const { t } = useTranslation('admin');
  if (!user.active) return <>{t('status.userInactive')}</>;
  if (!user.passwordSet) return <>{t('status.invited')}</>;
  return <>{t('status.userActive')}</>;
}
