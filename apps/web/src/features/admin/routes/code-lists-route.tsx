/** /admin/code-lists: the code lists the forms offer, with how many codes each has on offer. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { codeListNames, entriesOf } from '@fourfold/shared/taxonomy';
import { PageHeading } from '../../../components/page-heading';
import { QueryState } from '../../../components/query-state';
import { useTaxonomy } from '../../taxonomy/api/get-taxonomy';
import { AdminSubnav } from '../components/admin-subnav';

export function CodeListsRoute() {
  const { t } = useTranslation('admin');
  const taxonomy = useTaxonomy();
  return (
    <>
      <PageHeading>{t('codeLists.title')}</PageHeading>
      <AdminSubnav />
      <p className="lead">{t('codeLists.lead')}</p>
      <p>{t('codeLists.rules')}</p>
      <QueryState query={taxonomy}>
        {(codes) => (
          <div className="admin-table-wrap">
            <table className="data-table data-table--cards">
              <caption>{t('codeLists.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('codeLists.columns.list')}</th>
                  <th scope="col">{t('codeLists.columns.usedFor')}</th>
                  <th scope="col">{t('codeLists.columns.active')}</th>
                  <th scope="col">{t('codeLists.columns.retired')}</th>
                </tr>
              </thead>
              <tbody>
                {codeListNames.map((list) => {
                  const entries = entriesOf(codes, list);
                  const retired = entries.filter((entry) => entry.retired).length;
                  return (
                    <tr key={list}>
                      <th scope="row">
                        <Link to={`/admin/code-lists/${list}`}>{t(`codeLists.lists.${list}`)}</Link>
                      </th>
                      <td data-label={t('codeLists.columns.usedFor')}>
                        {t(`codeLists.usedFor.${list}`)}
                      </td>
                      <td data-label={t('codeLists.columns.active')}>{entries.length - retired}</td>
                      <td data-label={t('codeLists.columns.retired')}>{retired}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </>
  );
}
