/**
 * Helpers for credential tests: codes from an authenticator app (computed with otpauth from the
 * secret the set-up returned), enrolment through the real routes, and one-time links inserted as
 * the administration module issues them.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as OTPAuth from 'otpauth';
import type { DB } from '../../src/db/schema';
import { hashToken, newSecretToken } from '../../src/lib/secure-tokens';
import { TEST_PASSWORD, type SignedIn } from './fixtures';

/** The code an authenticator app shows now for the secret. */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp });
}

/** A six-digit code that is not valid now (nor in the periods either side). */
export function wrongTotpCode(secret: string): string {
  const valid = new Set(
    [-30_000, 0, 30_000].map((offset) => totpCode(secret, Date.now() + offset)),
  );
  for (let n = 0; ; n += 1) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

export type Enrolled = SignedIn & { secret: string; recoveryCodes: string[] };

/** Sets up and confirms two-step verification; returns the new session, secret and codes. */
export async function enrolSecondFactor(
  app: FastifyInstance,
  session: SignedIn,
  password = TEST_PASSWORD,
): Promise<Enrolled> {
  const setup = await app.inject({
    method: 'POST',
    url: '/api/me/second-factor/setup',
    headers: session.headers,
    payload: { password },
  });
  if (setup.statusCode !== 200) throw new Error(`setup failed: ${setup.statusCode} ${setup.body}`);
  const { secret } = setup.json() as { secret: string };
  const confirm = await app.inject({
    method: 'POST',
    url: '/api/me/second-factor/confirm',
    headers: session.headers,
    payload: { code: totpCode(secret) },
  });
  if (confirm.statusCode !== 200) {
    throw new Error(`confirm failed: ${confirm.statusCode} ${confirm.body}`);
  }
  const body = confirm.json() as {
    session: { accessToken: string };
    recoveryCodes: string[];
  };
  const cookie = confirm.cookies.find((c) => c.name === 'ff_refresh');
  if (!cookie) throw new Error('no refresh cookie');
  return {
    secret,
    recoveryCodes: body.recoveryCodes,
    accessToken: body.session.accessToken,
    refreshCookie: cookie.value,
    headers: { authorization: `Bearer ${body.session.accessToken}` },
  };
}

/** Inserts a one-time link as the administration module would; returns its token. */
export async function createLink(
  db: Kysely<DB>,
  userId: string,
  options: { purpose?: 'invite' | 'reset'; expiresAt?: Date; usedAt?: Date | null } = {},
): Promise<string> {
  const token = newSecretToken();
  await db
    .insertInto('user_link')
    .values({
      user_id: userId,
      purpose: options.purpose ?? 'invite',
      token_hash: hashToken(token),
      expires_at: options.expiresAt ?? new Date(Date.now() + 72 * 3_600_000),
      used_at: options.usedAt ?? null,
    })
    .execute();
  return token;
}
