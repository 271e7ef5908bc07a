/**
 * What a person sees for a table or situation that does not exist or is not theirs to see: the
 * same page in both cases, as the API answers the same 404, so nothing is revealed.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../../components/page-heading';

export function NotFoundContent({ kind }: { kind: 'table' | 'situation' }) {
  const { t } = useTranslation('situations');
  return (
    <>
      <PageHeading>{t(`notFound.${kind}.title`)}</PageHeading>
      <p>{t(`notFound.${kind}.body`)}</p>
      <p>
        <Link to="/tables">{t('notFound.tablesLink')}</Link>
      </p>
    </>
  );
}
