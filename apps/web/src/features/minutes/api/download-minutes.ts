/**
 * GET /api/meetings/:id/minutes.pdf: fetched with the bearer token in a header through the API
 * client, then saved from an object URL — the token never goes in a URL. Each download is
 * audited by the API.
 */
import { useMutation } from '@tanstack/react-query';
import type { Language } from '@fourfold/shared/taxonomy';
import { apiDownload } from '../../../lib/api-client';

export async function downloadMinutesPdf(meetingId: string, language: Language): Promise<void> {
  const { blob, fileName } = await apiDownload(
    `/meetings/${encodeURIComponent(meetingId)}/minutes.pdf?lang=${language}`,
    'application/pdf',
  );
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName ?? 'minutes.pdf';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export function useDownloadMinutes(meetingId: string) {
  return useMutation({
    mutationFn: (language: Language) => downloadMinutesPdf(meetingId, language),
  });
}
