/**
 * Reads of situation tables and their member agencies. Administration keeps its own writes and
 * row locks (modules/admin); every other module reads tables through tables.service.ts.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

const tableColumns = [
  'id',
  'name',
  'municipality',
  'reference_prefix',
  'requires_second_factor',
  'min_risk_factors',
  'active',
  'meeting_weekday',
  'time_zone',
] as const;

/** The meeting time as HH:MM, whichever driver reads it. */
const meetingTime = sql<string | null>`to_char(meeting_time, 'HH24:MI')`.as('meeting_time');

export function findTable(db: Db, tableId: string) {
  return db
    .selectFrom('situation_table')
    .select([...tableColumns, meetingTime])
    .where('id', '=', tableId)
    .executeTakeFirst();
}

/** The tables named (those that exist), by name. */
export function findTables(db: Db, tableIds: readonly string[], options: { activeOnly: boolean }) {
  return db
    .selectFrom('situation_table')
    .select([...tableColumns, meetingTime])
    .where('id', 'in', [...new Set(tableIds)])
    .$if(options.activeOnly, (qb) => qb.where('active', '=', true))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The table's active member agencies, by name. */
export function memberAgencies(db: Db, tableId: string) {
  return db
    .selectFrom('table_agency as ta')
    .innerJoin('agency as a', 'a.id', 'ta.agency_id')
    .select(['a.id', 'a.name', 'a.sector'])
    .where('ta.table_id', '=', tableId)
    .where('a.active', '=', true)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
}
