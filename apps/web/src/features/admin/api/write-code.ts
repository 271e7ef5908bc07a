/**
 * The writes of /api/admin/code-lists: add a code (POST …/:list), relabel or move one (PATCH
 * …/:list/:code), retire or reinstate one (POST …/:list/:code/retire|reinstate). Each refreshes
 * the code lists every form reads (GET /api/taxonomy) as well as administration.
 */
import {
  adminCodeSchema,
  type AdminCode,
  type CodeCreate,
  type CodeUpdate,
} from '@fourfold/shared/admin';
import type { CodeListName } from '@fourfold/shared/taxonomy';
import { apiRequest } from '../../../lib/api-client';
import { taxonomyQueryKey } from '../../taxonomy/api/get-taxonomy';
import { useAdminMutation } from './use-admin-mutation';

const codeUrl = (list: CodeListName, code?: string) =>
  `/admin/code-lists/${encodeURIComponent(list)}${code ? `/${encodeURIComponent(code)}` : ''}`;

export function createCode({ list, ...input }: CodeCreate & { list: CodeListName }) {
  return apiRequest(codeUrl(list), { method: 'POST', body: input, schema: adminCodeSchema });
}

export function updateCode({
  list,
  code,
  ...input
}: CodeUpdate & { list: CodeListName; code: string }): Promise<AdminCode> {
  return apiRequest(codeUrl(list, code), { method: 'PATCH', body: input, schema: adminCodeSchema });
}

export function setCodeRetired({
  list,
  code,
  retired,
}: {
  list: CodeListName;
  code: string;
  retired: boolean;
}): Promise<AdminCode> {
  return apiRequest(`${codeUrl(list, code)}/${retired ? 'retire' : 'reinstate'}`, {
    method: 'POST',
    schema: adminCodeSchema,
  });
}

const alsoRefresh = [taxonomyQueryKey];

export const useCreateCode = () => useAdminMutation(createCode, { alsoRefresh });
export const useUpdateCode = () => useAdminMutation(updateCode, { alsoRefresh });
export const useSetCodeRetired = () => useAdminMutation(setCodeRetired, { alsoRefresh });
