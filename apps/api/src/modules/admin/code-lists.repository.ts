/**
 * Administrators' edits of the code lists (table `code`): every code of a list with its editable
 * columns, the per-list advisory lock, and the writes. Reading the lists for everyone else is the
 * taxonomy module's (`modules/taxonomy/taxonomy.repository.ts`). Explicit columns only.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { codeListNames, type CodeListName } from '@fourfold/shared/taxonomy';
import type { CodeTable, DB } from '../../db/schema';

const editableColumns = [
  'list',
  'code',
  'label_en',
  'label_fr',
  'sort_order',
  'category_code',
  'risk_lowered',
  'retired_at',
  'updated_at',
] as const;

export type EditableCodeRow = Pick<Selectable<CodeTable>, (typeof editableColumns)[number]>;

function codesOfQuery(db: Kysely<DB>, list: CodeListName) {
  return db
    .selectFrom('code')
    .select(editableColumns)
    .where('list', '=', list)
    .orderBy('sort_order')
    .orderBy('code');
}

/** Every code of a list, retired ones included, in display order. */
export function listCodesOf(db: Kysely<DB>, list: CodeListName): Promise<EditableCodeRow[]> {
  return codesOfQuery(db, list).execute();
}

/** Advisory-lock namespace of the code lists; the second key is the list's index. */
const CODE_LIST_LOCK_NAMESPACE = 7270;

/**
 * The same, holding the list until the transaction ends. Row locks alone would not do: a code
 * another transaction inserts while this one waits is invisible to this one's select, so two
 * additions could take the same position. A transaction-scoped advisory lock per list, taken
 * before the select, makes the select see every code committed before it.
 */
export async function lockCodesOf(
  trx: Transaction<DB>,
  list: CodeListName,
): Promise<EditableCodeRow[]> {
  const key = codeListNames.indexOf(list);
  await sql`select pg_advisory_xact_lock(${CODE_LIST_LOCK_NAMESPACE}::integer, ${key}::integer)`.execute(
    trx,
  );
  return codesOfQuery(trx, list).forUpdate().execute();
}

export function findCode(
  db: Kysely<DB>,
  list: CodeListName,
  code: string,
): Promise<EditableCodeRow | undefined> {
  return db
    .selectFrom('code')
    .select(editableColumns)
    .where('list', '=', list)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertCode(
  trx: Transaction<DB>,
  row: {
    list: CodeListName;
    code: string;
    labelEn: string;
    labelFr: string;
    sortOrder: number;
    categoryCode: string | null;
    riskLowered: boolean | null;
  },
): Promise<void> {
  await trx
    .insertInto('code')
    .values({
      list: row.list,
      code: row.code,
      label_en: row.labelEn,
      label_fr: row.labelFr,
      sort_order: row.sortOrder,
      category_code: row.categoryCode,
      risk_lowered: row.riskLowered,
    })
    .execute();
}

export async function updateCode(
  trx: Transaction<DB>,
  list: CodeListName,
  code: string,
  changes: { labelEn?: string; labelFr?: string; retired?: boolean },
): Promise<void> {
  await trx
    .updateTable('code')
    .set((eb) => ({
      ...(changes.labelEn === undefined ? {} : { label_en: changes.labelEn }),
      ...(changes.labelFr === undefined ? {} : { label_fr: changes.labelFr }),
      ...(changes.retired === undefined
        ? {}
        : { retired_at: changes.retired ? eb.fn('now', []) : null }),
      updated_at: eb.fn('now', []),
    }))
    .where('list', '=', list)
    .where('code', '=', code)
    .execute();
}

/** Gives the codes of a list the sort orders 1…n in the order given. */
export async function renumberCodes(
  trx: Transaction<DB>,
  list: CodeListName,
  codesInOrder: readonly string[],
): Promise<void> {
  if (codesInOrder.length === 0) return;
  const orders = codesInOrder.map((code, index) => ({ code, sort_order: index + 1 }));
  await sql`
    update code set sort_order = v.sort_order, updated_at = now()
    from (values ${sql.join(orders.map((o) => sql`(${o.code}, ${o.sort_order}::integer)`))})
      as v(code, sort_order)
    where code.list = ${list} and code.code = v.code and code.sort_order <> v.sort_order`.execute(
    trx,
  );
}
