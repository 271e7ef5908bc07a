import { useTranslation } from 'react-i18next';

// The catalogue keys of the four filters, in order.
const filters = ['one', 'two', 'three', 'four'] as const;

export function FourFiltersList() {
  const { t } = useTranslation();
  return (
    // Each item names its filter itself, so the list shows no numbers of its own.
    <ol className="filter-list">
      {filters.map((filter, index) => (
        <li key={filter} className="filter-list__item">
          <strong className="filter-list__label">
            {t('home.filters.label', { number: index + 1 })}
          </strong>{' '}
          {t(`home.filters.${filter}`)}
        </li>
      ))}
    </ol>
  );
}
