/**
 * The home page's list of the open action items owned by the person's agency across their
 * tables, overdue ones first (the API orders by due time) and flagged in words, each linking to
 * its situation. Shown only to members who work with situations and belong to an agency.
 */
import { isOverdue } from '@fourfold/shared/action-items';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../../components/query-state';
import { useSession } from '../../auth/use-session';
import { showsOwnedActionItems, useOwnedActionItems } from '../api/owned-action-items';
import { ActionItemDue, useNow } from './action-item-due';
import '../action-items.css';

export function OwnedActionItemsPanel() {
  const { t } = useTranslation('actionItems');
  const { me, actor } = useSession();
  const headingId = useId();
  const now = useNow();
  const shown = showsOwnedActionItems(me, actor);
  const items = useOwnedActionItems({ enabled: shown });
  if (!shown || me.agency === null) return null;
  return (
    <section className="panel owned-action-items" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('owned.heading', { agency: me.agency.name })}</h2>
      <QueryState query={items} loading={t('panel.loading')} empty={<p>{t('owned.none')}</p>}>
        {(list) => {
          const overdue = list.filter((item) => isOverdue(item, now)).length;
          return (
            <>
              <p>{t('owned.summary', { count: list.length, overdue })}</p>
              <ul className="action-items__list">
                {list.map((item) => (
                  <li key={item.id} className="action-item">
                    <p className="action-item__title">
                      <Link to={`/situations/${item.situationId}`}>{item.reference}</Link>
                      {': '}
                      {item.kind === 'first_contact'
                        ? t('kind.first_contact')
                        : (item.description ?? t('panel.destroyed'))}
                    </p>
                    <p className="action-item__due">
                      <ActionItemDue item={item} now={now} />
                    </p>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
