/**
 * A page of a table's situations: a table at desktop widths, stacked cards on a phone (each cell
 * then names its column, since the header row is out of sight). The first-contact clock shows in
 * words for every situation that has one; only de-identified facts appear.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SituationListItem } from '@fourfold/shared/situations';
import { useLanguage } from '../../../lib/use-language';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { formatDateTime } from '../../../lib/format';
import { FirstContactClock } from './first-contact-clock';
import { StageTag } from './stage-tag';

type SituationListTableProps = {
  items: readonly SituationListItem[];
  caption: string;
  /** Which date the last column shows: the one the list is sorted by, else the last update. */
  when: 'created' | 'updated';
};

export function SituationListTable({ items, caption, when }: SituationListTableProps) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const { label } = useCodeLabels();
  const columns = {
    reference: t('table.columns.reference'),
    stage: t('table.columns.stage'),
    facts: t('table.columns.facts'),
    originating: t('agencies.originating'),
    lead: t('agencies.lead'),
    firstContact: t('table.columns.firstContact'),
    when: when === 'created' ? t('table.columns.created') : t('table.columns.updated'),
  };
  return (
    <div
      className="situations-table-scroll"
      role="region"
      aria-labelledby="situations-caption"
      tabIndex={0}
    >
      <table className="data-table data-table--cards situations-table">
        <caption id="situations-caption">{caption}</caption>
        <thead>
          <tr>
            {Object.values(columns).map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const at = when === 'created' ? item.createdAt : item.updatedAt;
            return (
              <tr key={item.id}>
                <th scope="row" data-label={columns.reference}>
                  <Link to={`/situations/${item.id}`}>{item.reference}</Link>
                </th>
                <td data-label={columns.stage}>
                  <StageTag stage={item.stage} />
                </td>
                <td data-label={columns.facts}>
                  {[
                    label('situation_type', item.situationType),
                    label('age_band', item.ageBand),
                    label('gender', item.gender),
                  ].join(' · ')}
                </td>
                <td data-label={columns.originating}>{item.originatingAgency.name}</td>
                <td data-label={columns.lead}>
                  {item.leadAgency?.name ?? (
                    <span className="situations-muted">
                      {item.stage === 'rejected' || item.stage === 'closed'
                        ? t('list.none')
                        : t('agencies.notAssigned')}
                    </span>
                  )}
                </td>
                <td data-label={columns.firstContact} className="situations-table__clock">
                  {item.firstContactDueAt ? (
                    <FirstContactClock
                      firstContactDueAt={item.firstContactDueAt}
                      firstContactAt={item.firstContactAt}
                      closed={item.stage === 'closed'}
                      variant="short"
                    />
                  ) : (
                    <span className="situations-muted">
                      {/* The clock starts at assignment; after it, one without a clock had none. */}
                      {item.stage === 'draft' ||
                      item.stage === 'filter2' ||
                      item.stage === 'filter3'
                        ? t('list.noClock')
                        : t('list.none')}
                    </span>
                  )}
                </td>
                <td data-label={columns.when} className="situations-table__when">
                  <time dateTime={at}>{formatDateTime(at, language)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
