/**
 * The situation tables and their member agencies, as the other modules read them: a table with
 * its settings, several tables at once, a table's active member agencies and whether an agency
 * is one of them. Pass a transaction to read inside it. Writes (and the locks that order them)
 * belong to administration.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import * as repo from './tables.repository';

export type TableRow = NonNullable<Awaited<ReturnType<typeof repo.findTable>>>;
export type MemberAgency = Awaited<ReturnType<typeof repo.memberAgencies>>[number];

/** The table with its settings, active or not; undefined when there is none. */
export function findTable(db: Kysely<DB>, tableId: string): Promise<TableRow | undefined> {
  return repo.findTable(db, tableId);
}

/** The table with its settings if it exists and is active. */
export async function findActiveTable(
  db: Kysely<DB>,
  tableId: string,
): Promise<TableRow | undefined> {
  const table = await repo.findTable(db, tableId);
  return table?.active ? table : undefined;
}

/** The tables named that exist (only the active ones with `activeOnly`), by name. */
export function findTables(
  db: Kysely<DB>,
  tableIds: readonly string[],
  options: { activeOnly: boolean } = { activeOnly: false },
): Promise<TableRow[]> {
  if (tableIds.length === 0) return Promise.resolve([]);
  return repo.findTables(db, tableIds, options);
}

/** The table's active member agencies, by name. */
export function memberAgencies(db: Kysely<DB>, tableId: string): Promise<MemberAgency[]> {
  return repo.memberAgencies(db, tableId);
}

/** The agencies named that are not active member agencies of the table. */
export async function nonMemberAgencies(
  db: Kysely<DB>,
  tableId: string,
  agencyIds: readonly string[],
): Promise<Set<string>> {
  const members = new Set((await repo.memberAgencies(db, tableId)).map((a) => a.id));
  return new Set(agencyIds.filter((id) => !members.has(id)));
}

export async function isMemberAgency(
  db: Kysely<DB>,
  tableId: string,
  agencyId: string,
): Promise<boolean> {
  return (await nonMemberAgencies(db, tableId, [agencyId])).size === 0;
}
