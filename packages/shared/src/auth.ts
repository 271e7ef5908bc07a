/** Sign-in, sessions and the signed-in person's profile: the contract between web and API. */
import { z } from 'zod';
import { idSchema, text } from './input';
import { roleSchema } from './policy-schemas';

export const emailSchema = text().trim().toLowerCase().max(254).email();

export const loginRequestSchema = z
  .object({
    email: emailSchema,
    password: text().min(1).max(1024),
    /** Six digits from an authenticator app, when the account has a second factor. */
    totpCode: text()
      .regex(/^\d{6}$/)
      .optional(),
    /** A one-time recovery code, instead of totpCode. */
    recoveryCode: text().min(8).max(64).optional(),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const membershipSchema = z.object({
  table: z.object({ id: idSchema, name: text() }),
  role: roleSchema,
  requiresSecondFactor: z.boolean(),
  agreement: z.object({
    currentVersion: z.number().int().nullable(),
    acceptedVersion: z.number().int().nullable(),
    /** True when the current version is accepted: the table's situation data may be served. */
    accepted: z.boolean(),
  }),
});
export type Membership = z.infer<typeof membershipSchema>;

export const meSchema = z
  .object({
    user: z.object({
      id: idSchema,
      email: text(),
      displayName: text(),
      isAdministrator: z.boolean(),
      secondFactorEnabled: z.boolean(),
    }),
    agency: z.object({ id: idSchema, name: text(), sector: text() }).nullable(),
    memberships: z.array(membershipSchema),
    session: z.object({ secondFactor: z.boolean() }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const sessionResponseSchema = z
  .object({
    accessToken: text(),
    /** Seconds until the access token expires. */
    expiresIn: z.number().int(),
    me: meSchema,
  })
  .meta({ id: 'Session' });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const ACCESS_TOKEN_TTL_SECONDS = 600;
export const REFRESH_COOKIE = 'ff_refresh';
