/** Queries over the code lists (table `code`). Explicit columns only. */
import type { Kysely } from 'kysely';
import type { CodeListName } from '@fourfold/shared/taxonomy';
import type { DB } from '../../db/schema';

export type CodeRow = {
  list: CodeListName;
  code: string;
  label_en: string;
  label_fr: string;
  category_code: string | null;
  risk_lowered: boolean | null;
  retired: boolean;
};

/** Every code of every list, retired ones included, in display order within each list. */
export async function listAllCodes(db: Kysely<DB>): Promise<CodeRow[]> {
  const rows = await db
    .selectFrom('code as c')
    .select([
      'c.list',
      'c.code',
      'c.label_en',
      'c.label_fr',
      'c.category_code',
      'c.risk_lowered',
      'c.retired_at',
    ])
    .orderBy('c.list')
    .orderBy('c.sort_order')
    .orderBy('c.code')
    .execute();
  return rows.map(({ retired_at, ...row }) => ({ ...row, retired: retired_at !== null }));
}

/**
 * The active codes of one list in display order. A risk factor is active only while its category
 * is too; for other lists the join finds no category and leaves the row in.
 */
function activeCodesQuery(db: Kysely<DB>, list: CodeListName) {
  return activeCodes(db).where('c.list', '=', list);
}

function activeCodes(db: Kysely<DB>) {
  return db
    .selectFrom('code as c')
    .leftJoin('code as category', (join) =>
      join
        .onRef('category.list', '=', 'c.category_list')
        .onRef('category.code', '=', 'c.category_code'),
    )
    .where('c.retired_at', 'is', null)
    .where('category.retired_at', 'is', null);
}

/**
 * Which of `codes` (of any lists) are active, in one statement: a write that names codes of
 * several lists checks them all in one round trip.
 */
export async function activeCodesAmong(
  db: Kysely<DB>,
  codes: ReadonlyArray<{ list: CodeListName; code: string }>,
): Promise<Array<{ list: CodeListName; code: string }>> {
  if (codes.length === 0) return [];
  return activeCodes(db)
    .where((eb) =>
      eb(
        eb.refTuple('c.list', 'c.code'),
        'in',
        codes.map(({ list, code }) => eb.tuple(list, code)),
      ),
    )
    .select(['c.list', 'c.code'])
    .execute();
}

export async function listActiveCodes(db: Kysely<DB>, list: CodeListName): Promise<string[]> {
  const rows = await activeCodesQuery(db, list)
    .select('c.code')
    .orderBy('c.sort_order')
    .orderBy('c.code')
    .execute();
  return rows.map((row) => row.code);
}

export async function activeCodeExists(
  db: Kysely<DB>,
  list: CodeListName,
  code: string,
): Promise<boolean> {
  const row = await activeCodesQuery(db, list)
    .where('c.code', '=', code)
    .select('c.code')
    .executeTakeFirst();
  return row !== undefined;
}
