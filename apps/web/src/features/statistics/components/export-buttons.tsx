/**
 * Downloads of the chosen tables and months: the de-identified record file as CSV or JSON, and
 * the provincial (Ontario RTD) CSV. Each is fetched with the session's credentials in the
 * headers and saved under the API's file name; the outcome is announced in a status line.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportPreset } from '@fourfold/shared/statistics';
import { ProblemAlert } from '../../../components/problem-alert';
import { downloadStatsExport, type ExportFormat } from '../api/download-stats-export';
import type { StatsFilters } from '../lib/filters';

const exportsOffered: { id: string; format: ExportFormat; preset: ExportPreset }[] = [
  { id: 'csv', format: 'csv', preset: 'fourfold' },
  { id: 'json', format: 'json', preset: 'fourfold' },
  { id: 'ontario', format: 'csv', preset: 'ontario_rtd' },
];

export function ExportButtons({ filters }: { filters: StatsFilters }) {
  const { t } = useTranslation('statistics');
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function download(offer: (typeof exportsOffered)[number]) {
    if (busy) return;
    setBusy(offer.id);
    setDone(null);
    setError(null);
    try {
      await downloadStatsExport(filters, offer.format, offer.preset);
      setDone(offer.id);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="stats-exports" aria-labelledby="stats-exports-heading">
      <h2 id="stats-exports-heading">{t('exports.title')}</h2>
      <p>{t('exports.intro')}</p>
      <div className="stats-exports__buttons">
        {exportsOffered.map((offer) => (
          <button
            key={offer.id}
            type="button"
            className="button button--secondary"
            aria-disabled={busy !== null}
            onClick={() => void download(offer)}
          >
            {t(`exports.buttons.${offer.id}` as 'exports.buttons.csv')}
          </button>
        ))}
      </div>
      <p role="status" className="stats-exports__status">
        {busy
          ? t('exports.preparing')
          : done
            ? t('exports.done', { name: t(`exports.buttons.${done}` as 'exports.buttons.csv') })
            : ''}
      </p>
      {error ? <ProblemAlert error={error} /> : null}
    </section>
  );
}
