/** /tables: the situation tables the person sits on, each linking to its situations. */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading';
import { MyTables } from '../../auth/components/my-tables';

export function TablesRoute() {
  const { t } = useTranslation('situations');
  return (
    <>
      <PageHeading>{t('tables.title')}</PageHeading>
      <p className="lead">{t('tables.intro')}</p>
      <MyTables />
    </>
  );
}
