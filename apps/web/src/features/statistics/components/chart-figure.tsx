/**
 * One chart of the dashboard: its heading, a line of key figures, the chart itself as one image
 * with a spoken summary (screen readers hear the summary, then may open the data), and the same
 * numbers as a table under "Show the data". The table, not the picture, is the reference: it says
 * "suppressed" in words where the chart draws a hatched mark.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ChartFigure({
  title,
  figures,
  summary,
  chart,
  table,
  empty,
  scrolls = false,
}: {
  title: string;
  /** Key figures in words, shown above the chart. */
  figures?: ReactNode;
  /** What the chart shows, for the image's accessible name. */
  summary: string;
  chart: ReactNode;
  /** The data table (with its caption); its box scrolls sideways on a narrow screen. */
  table: ReactNode;
  /** Nothing to draw: this message replaces chart and table. */
  empty?: string | null;
  /**
   * The chart keeps its size and scrolls sideways in its box on a narrow screen (the heat maps):
   * the box then takes keyboard focus, so that it can be scrolled without a mouse.
   */
  scrolls?: boolean;
}) {
  const { t } = useTranslation('statistics');
  const headingId = useId();
  return (
    <section className="stats-figure" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {figures ? <div className="stats-figure__figures">{figures}</div> : null}
      {empty ? (
        <p className="stats-figure__empty">{empty}</p>
      ) : (
        <>
          <div
            className={
              scrolls ? 'stats-figure__chart stats-figure__chart--scroll' : 'stats-figure__chart'
            }
            role="img"
            aria-label={summary}
            tabIndex={scrolls ? 0 : undefined}
          >
            {chart}
          </div>
          <details className="stats-figure__data">
            <summary>{t('showData')}</summary>
            <div className="stats-table-wrap" role="region" aria-label={title} tabIndex={0}>
              {table}
            </div>
          </details>
        </>
      )}
    </section>
  );
}
