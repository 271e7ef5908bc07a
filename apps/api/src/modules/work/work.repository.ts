/**
 * Reads for the work home: a table's open situations (drafts of one agency, and everything at
 * filters 2 to 4) with the agencies the access policy needs to judge each one, and the references
 * of situations named by audit events. De-identified columns only: nothing here reads identity,
 * notes or the summary.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { situationListItemColumns } from '../../db/situation-list-item';

/**
 * The table's situations still in the process: its drafts of `draftsOfAgency` (none when null)
 * and every one at filters 2, 3 and 4. A table has a few dozen of them at a time (closed and
 * rejected ones, the bulk of its history, are not read), so the sections are cut from one read.
 */
export function openSituationsOfTable(
  db: Kysely<DB>,
  options: { tableId: string; draftsOfAgency: string | null },
) {
  const { tableId, draftsOfAgency } = options;
  return (
    db
      .selectFrom('situation as s')
      .innerJoin('agency as o', 'o.id', 's.originating_agency_id')
      .leftJoin('agency as l', 'l.id', 's.lead_agency_id')
      .select(situationListItemColumns)
      // And when each step was taken, to order the chair's sections.
      .select(['s.submitted_at', 's.decided_at'])
      .where('s.table_id', '=', tableId)
      .where((eb) =>
        eb.or([
          eb('s.stage', 'in', ['filter2', 'filter3', 'filter4']),
          ...(draftsOfAgency === null
            ? []
            : [
                eb.and([
                  eb('s.stage', '=', 'draft'),
                  eb('s.originating_agency_id', '=', draftsOfAgency),
                ]),
              ]),
        ]),
      )
      .orderBy('s.reference')
      .execute()
  );
}
export type OpenSituationRow = Awaited<ReturnType<typeof openSituationsOfTable>>[number];

/** The agencies present at the filter-2 decision of these situations, with their answers. */
export function agenciesPresentOf(db: Kysely<DB>, situationIds: readonly string[]) {
  if (situationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('situation_agency_present')
    .select(['situation_id', 'agency_id', 'involved'])
    .where('situation_id', 'in', [...situationIds])
    .execute();
}

/** The assisting agencies of these situations. */
export function assistingAgenciesOf(db: Kysely<DB>, situationIds: readonly string[]) {
  if (situationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('situation_assisting_agency')
    .select(['situation_id', 'agency_id'])
    .where('situation_id', 'in', [...situationIds])
    .execute();
}

/** The references of these situations of one table (a reference names no one). */
export async function referencesOf(
  db: Kysely<DB>,
  tableId: string,
  situationIds: readonly string[],
): Promise<Map<string, string>> {
  if (situationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('situation')
    .select(['id', 'reference'])
    .where('table_id', '=', tableId)
    .where('id', 'in', [...new Set(situationIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.reference]));
}
