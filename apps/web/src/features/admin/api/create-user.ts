/** POST /api/admin/users: a new user; the answer carries the invitation link token, once. */
import { userCreatedSchema, type UserCreate, type UserCreated } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function createUser(input: UserCreate): Promise<UserCreated> {
  return apiRequest('/admin/users', { method: 'POST', body: input, schema: userCreatedSchema });
}

export function useCreateUser() {
  return useAdminMutation(createUser);
}
