/**
 * GET /api/stats/export.csv | export.json: the de-identified record file of the chosen tables
 * and months, fetched with the session's bearer token in the headers (never in the address) and
 * saved under the name the API gives it.
 */
import type { ExportPreset } from '@fourfold/shared/statistics';
import { apiDownload } from '../../../lib/api-client';
import type { StatsFilters } from '../lib/filters';

export type ExportFormat = 'csv' | 'json';

export async function downloadStatsExport(
  filters: StatsFilters,
  format: ExportFormat,
  preset: ExportPreset,
): Promise<void> {
  const params = new URLSearchParams();
  for (const id of filters.tableIds) params.append('tableId', id);
  params.set('from', filters.from);
  params.set('to', filters.to);
  params.set('preset', preset);
  const { blob, fileName } = await apiDownload(
    `/stats/export.${format}?${params.toString()}`,
    format === 'csv' ? 'text/csv' : 'application/json',
  );
  saveBlob(blob, fileName ?? `fourfold-statistics-${filters.from}-${filters.to}.${format}`);
}

/** Hands a file to the browser's downloads through a temporary object URL and <a download>. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
