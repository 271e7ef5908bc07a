/**
 * The members of one generated table the API suites act as: a representative and a coordinator,
 * each of one of the table's member agencies (so the representative's list holds its agency's
 * drafts, as in use), created directly in the database as analyst.ts creates the analyst, who then
 * sign in through the API's real sign-in route (analyst.ts's signIn).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '../../apps/api/src/lib/password-hashing';
import type { Analyst } from './analyst';

export type MemberRole = 'agency_rep' | 'coordinator';
export type Member = Analyst & { role: MemberRole; tableId: string };

/** The table with the most situations, and its member agencies (most situations first). */
export async function largestTable(client: pg.Client): Promise<{
  tableId: string;
  situations: number;
  agencyIds: string[];
  /** The whole database, as generated (the run's arguments may not be what it holds). */
  all: { situations: number; tables: number };
}> {
  const table = await client.query<{ table_id: string; n: string }>(
    `select table_id, count(*) as n from situation group by table_id order by count(*) desc limit 1`,
  );
  if (table.rows.length === 0) throw new Error('no situation: run the generate suite first');
  const tableId = table.rows[0]!.table_id;
  const agencies = await client.query<{ agency_id: string }>(
    `select ta.agency_id from table_agency ta
     left join situation s on s.table_id = ta.table_id and s.originating_agency_id = ta.agency_id
     where ta.table_id = $1 group by ta.agency_id order by count(s.id) desc, ta.agency_id`,
    [tableId],
  );
  if (agencies.rows.length < 2) throw new Error('the table needs two member agencies');
  const all = await client.query<{ situations: string; tables: string }>(
    `select count(*) as situations, count(distinct table_id) as tables from situation`,
  );
  return {
    tableId,
    situations: Number(table.rows[0]!.n),
    agencyIds: agencies.rows.map((row) => row.agency_id),
    all: { situations: Number(all.rows[0]!.situations), tables: Number(all.rows[0]!.tables) },
  };
}

export async function createMember(
  client: pg.Client,
  options: { tableId: string; agencyId: string; role: MemberRole },
): Promise<Member> {
  const { tableId, agencyId, role } = options;
  const email = `${role.replace('_', '-')}-${randomUUID().slice(0, 8)}@bench.example`;
  const password = `bench-${randomUUID()}`;
  await client.query('begin');
  try {
    const user = await client.query<{ id: string }>(
      `insert into app_user (email, display_name, agency_id, password_hash)
       values ($1, $2, $3, $4) returning id`,
      [email, `Bench ${role}`, agencyId, await hashPassword(password)],
    );
    const userId = user.rows[0]!.id;
    await client.query(
      `insert into confidentiality_agreement (table_id, version, body_en, body_fr)
       select $1, 1, 'Keep it confidential.', 'Gardez-le confidentiel.'
       where not exists (select 1 from confidentiality_agreement where table_id = $1)`,
      [tableId],
    );
    // 'migrated': in effect as confirmed, as the test fixtures make members (no second person).
    await client.query(
      `insert into table_membership (table_id, user_id, role, status, confirmed_at)
       values ($1, $2, $3, 'migrated', now())`,
      [tableId, userId, role],
    );
    await client.query(
      `insert into agreement_acceptance (user_id, agreement_id)
       select $1, id from confidentiality_agreement where table_id = $2
       order by version desc limit 1`,
      [userId, tableId],
    );
    await client.query('commit');
    return { email, password, userId, agencyId, role, tableId };
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}
