/**
 * The person the bench reads statistics as: an analyst of every table, created directly in the
 * database (as the test fixtures do), who signs in through the API's real sign-in route.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '../../apps/api/src/lib/password-hashing';

export type Analyst = { email: string; password: string; userId: string; agencyId: string };

export async function createAnalyst(client: pg.Client): Promise<Analyst> {
  const email = `analyst-${randomUUID().slice(0, 8)}@bench.example`;
  const password = `bench-${randomUUID()}`;
  await client.query('begin');
  try {
    const agency = await client.query<{ id: string }>(
      `insert into agency (name, sector) values ($1, 'police') returning id`,
      [`Bench analysis unit ${randomUUID().slice(0, 8)}`],
    );
    const user = await client.query<{ id: string }>(
      `insert into app_user (email, display_name, agency_id, password_hash)
       values ($1, 'Bench analyst', $2, $3) returning id`,
      [email, agency.rows[0]!.id, await hashPassword(password)],
    );
    const userId = user.rows[0]!.id;
    // A table without an agreement text counts as not accepted, so give each one a first version.
    await client.query(
      `insert into confidentiality_agreement (table_id, version, body_en, body_fr)
       select t.id, 1, 'Keep it confidential.', 'Gardez-le confidentiel.'
       from situation_table t
       where not exists (select 1 from confidentiality_agreement c where c.table_id = t.id)`,
    );
    await client.query(
      `insert into table_membership (table_id, user_id, role, status, confirmed_at)
       select id, $1, 'analyst', 'not_required', now() from situation_table`,
      [userId],
    );
    await client.query(
      `insert into agreement_acceptance (user_id, agreement_id)
       select $1, c.id from confidentiality_agreement c
       where c.version = (select max(version) from confidentiality_agreement v
                          where v.table_id = c.table_id)`,
      [userId],
    );
    await client.query('commit');
    return { email, password, userId, agencyId: agency.rows[0]!.id };
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/** A fresh access token (they last ten minutes) through POST /api/auth/login. */
export async function signIn(baseUrl: string, analyst: Analyst): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: analyst.email, password: analyst.password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  }
  const body = (await response.json()) as { accessToken: string };
  return body.accessToken;
}
