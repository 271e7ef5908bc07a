/** What every administration route shares in its declaration. */
import { problemSchema } from '@fourfold/shared/problem';

/** Administrators only; the authentication plugin refuses everyone else before the handler. */
export const ADMIN_ACCESS = { access: { permission: 'admin.manage' } } as const;

export const adminSchemaBase = { tags: ['admin'] };

/** Not signed in, or not an administrator. */
export const deniedResponses = { 401: problemSchema, 403: problemSchema } as const;

/** The same, plus an id in the path that is malformed (400) or names nothing (404). */
export const deniedWithIdResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
} as const;
