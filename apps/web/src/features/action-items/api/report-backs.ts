/** GET and POST /api/situations/:id/report-backs. */
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  reportBackListSchema,
  reportBackSchema,
  type ReportBackRequest,
} from '@fourfold/shared/action-items';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidateAfterWrite } from './action-items';
import { actionItemKeys } from './query-keys';

const path = (situationId: string) => `/situations/${encodeURIComponent(situationId)}/report-backs`;

export function useReportBacks(situationId: string) {
  return useQuery({
    queryKey: actionItemKeys.reportBacks(situationId),
    queryFn: ({ signal }) =>
      apiRequest(path(situationId), { schema: reportBackListSchema, signal }).then(
        (list) => list.items,
      ),
  });
}

export function useAddReportBack(situationId: string) {
  const invalidate = useInvalidateAfterWrite(situationId);
  return useMutation({
    mutationFn: (body: ReportBackRequest) =>
      apiRequest(path(situationId), { method: 'POST', body, schema: reportBackSchema }),
    onSuccess: invalidate,
  });
}
