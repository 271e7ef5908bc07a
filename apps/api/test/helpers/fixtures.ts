/**
 * Small factories that insert through Kysely, and a sign-in helper that goes through the real
 * login route. Every name is unique per call so that tests in one file never collide.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, MembershipRole, MembershipStatus } from '../../src/db/schema';
import { hashPassword } from '../../src/lib/password-hashing';

export const TEST_PASSWORD = 'quiet-harbour-lantern-2026';
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

const unique = () => randomUUID().slice(0, 8);
const letters = () =>
  Array.from({ length: 4 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join(
    '',
  );

export async function createAgency(
  db: Kysely<DB>,
  overrides: Partial<{ name: string; sector: string; active: boolean }> = {},
) {
  return db
    .insertInto('agency')
    .values({ name: `Agency ${unique()}`, sector: 'police', ...overrides })
    .returning(['id', 'name', 'sector'])
    .executeTakeFirstOrThrow();
}

export async function createTable(
  db: Kysely<DB>,
  options: { agencyIds?: string[]; requiresSecondFactor?: boolean; agreement?: boolean } = {},
) {
  const table = await db
    .insertInto('situation_table')
    .values({
      name: `Table ${unique()}`,
      reference_prefix: letters(),
      municipality: 'Testville',
      requires_second_factor: options.requiresSecondFactor ?? false,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  for (const agencyId of options.agencyIds ?? []) {
    await db
      .insertInto('table_agency')
      .values({ table_id: table.id, agency_id: agencyId })
      .execute();
  }
  let agreementId: string | null = null;
  if (options.agreement ?? true) {
    agreementId = (
      await db
        .insertInto('confidentiality_agreement')
        .values({
          table_id: table.id,
          version: 1,
          body_en: 'Keep it confidential.',
          body_fr: 'Gardez-le confidentiel.',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  return { ...table, agreementId };
}

export async function createUser(
  db: Kysely<DB>,
  options: {
    agencyId?: string | null;
    isAdministrator?: boolean;
    active?: boolean;
    email?: string;
    /**
     * Memberships in effect unless `status` says otherwise: `migrated`, as if granted before
     * confirmation existed, so that tests of other rules need no confirmer.
     */
    memberships?: Array<{
      tableId: string;
      role: MembershipRole;
      acceptAgreement?: boolean;
      status?: Extract<MembershipStatus, 'pending' | 'migrated'>;
    }>;
  } = {},
) {
  const email = options.email ?? `user-${unique()}@test.example`;
  const user = await db
    .insertInto('app_user')
    .values({
      email,
      display_name: `Test User ${unique()}`,
      agency_id: options.agencyId ?? null,
      is_administrator: options.isAdministrator ?? false,
      active: options.active ?? true,
      password_hash: await testPasswordHash(),
    })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow();
  for (const membership of options.memberships ?? []) {
    await db
      .insertInto('table_membership')
      .values({
        table_id: membership.tableId,
        user_id: user.id,
        role: membership.role,
        status: membership.status ?? 'migrated',
        confirmed_at: membership.status === 'pending' ? null : new Date(),
      })
      .execute();
    if (membership.acceptAgreement ?? true) {
      const agreement = await db
        .selectFrom('confidentiality_agreement')
        .select('id')
        .where('table_id', '=', membership.tableId)
        .orderBy('version', 'desc')
        .executeTakeFirst();
      if (agreement) {
        await db
          .insertInto('agreement_acceptance')
          .values({ user_id: user.id, agreement_id: agreement.id })
          .execute();
      }
    }
  }
  return user;
}

export type SignedIn = {
  accessToken: string;
  refreshCookie: string;
  headers: { authorization: string };
};

/** Signs in through POST /api/auth/login and returns the bearer header and refresh cookie. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
  extra: Record<string, string> = {},
): Promise<SignedIn> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password, ...extra },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ff_refresh');
  if (!cookie) throw new Error('no refresh cookie');
  const accessToken = res.json().accessToken as string;
  return {
    accessToken,
    refreshCookie: cookie.value,
    headers: { authorization: `Bearer ${accessToken}` },
  };
}
