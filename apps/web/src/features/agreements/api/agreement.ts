/** A table's confidentiality agreement: read it (query), accept it (mutation). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { tableAgreementSchema, type TableAgreement } from '@fourfold/shared/agreements';
import { apiRequest } from '../../../lib/api-client';

export function getAgreement(tableId: string, signal?: AbortSignal): Promise<TableAgreement> {
  return apiRequest(`/tables/${encodeURIComponent(tableId)}/agreement`, {
    schema: tableAgreementSchema,
    signal,
  });
}

export const agreementQueryOptions = (tableId: string) =>
  queryOptions({
    queryKey: ['tables', tableId, 'agreement'],
    queryFn: ({ signal }) => getAgreement(tableId, signal),
    // The text changes rarely, but a newer version must not be hidden by a stale copy.
    staleTime: 0,
  });

export function useAgreement(tableId: string) {
  return useQuery(agreementQueryOptions(tableId));
}

export function acceptAgreement(tableId: string, version: number): Promise<TableAgreement> {
  return apiRequest(`/tables/${encodeURIComponent(tableId)}/agreement/acceptance`, {
    method: 'POST',
    body: { version },
    schema: tableAgreementSchema,
  });
}
