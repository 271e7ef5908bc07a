/**
 * One generator run in one transaction: new tables, their situations and counters, then the
 * statistics derived from them by the statistics module's own rebuild (set-based SQL: the facts
 * in one INSERT … SELECT, the cells in one GROUP BY). The CLI (cli/data-generate.ts) gives it a
 * loader on PostgreSQL or PGlite; tests give it one on their own database.
 */
import type { IdentityVault } from '../../lib/identity-vault';
import { rebuildStatisticsIn } from '../statistics/facts.service';
import {
  createTables,
  DERIVED_COLUMN_TRIGGERS,
  generateSituations,
  idSequence,
  loadCodeLists,
  type GenerateResult,
  type GeneratedTable,
} from './generator';
import { kyselyOver, type Loader } from './loaders';

export type GenerateDataOptions = {
  tables: number;
  situations: number;
  seed: string;
  years: number;
  now?: Date;
  vault: IdentityVault;
  identityRetentionDays: number;
  batchSize?: number;
  onProgress?: (done: number) => void;
  /** Between the base tables' load and the statistics' build (the CLI times its phases). */
  onPhase?: (phase: 'statistics') => void | Promise<void>;
};

export type GenerateDataResult = GenerateResult & {
  tables: GeneratedTable[];
  facts: number;
  cells: number;
};

export async function generateData(
  loader: Loader,
  options: GenerateDataOptions,
): Promise<GenerateDataResult> {
  const now = options.now ?? new Date();
  const nextId = idSequence();
  const codes = await loadCodeLists(loader);
  const tables = await createTables(loader, options.tables, {
    seed: options.seed,
    now,
    nextId,
    codes,
  });
  const restoreTriggers = await suspendDerivedColumnTriggers(loader);
  const result = await generateSituations(
    loader,
    tables,
    codes,
    {
      situations: options.situations,
      seed: options.seed,
      years: options.years,
      now,
      openStages: true,
      vault: options.vault,
      identityRetentionDays: options.identityRetentionDays,
      derivedColumns: true,
      batchSize: options.batchSize,
      onProgress: options.onProgress,
    },
    nextId,
  );
  await restoreTriggers();
  await options.onPhase?.('statistics');
  const statistics = await rebuildStatisticsIn(kyselyOver(loader), { cellSeed: options.seed });
  return { ...result, tables, facts: statistics.situations, cells: statistics.cells };
}

/**
 * Turns off, for the caller's transaction (ALTER TABLE is transactional: a failed load leaves them
 * as they were), the triggers whose effect the generator writes itself (DERIVED_COLUMN_TRIGGERS),
 * and returns what turns each back to the mode it had (migration 0018 enables them ALWAYS, so that
 * session_replication_role = replica does not skip them).
 */
async function suspendDerivedColumnTriggers(loader: Loader): Promise<() => Promise<void>> {
  const modes = await loader.query<{ table: string; trigger: string; mode: string }>(
    `select d.table, d.trigger, t.tgenabled as mode
     from unnest($1::text[], $2::text[]) as d("table", trigger)
     join pg_trigger t on t.tgrelid = d.table::regclass and t.tgname = d.trigger`,
    [DERIVED_COLUMN_TRIGGERS.map((t) => t.table), DERIVED_COLUMN_TRIGGERS.map((t) => t.trigger)],
  );
  if (modes.length !== DERIVED_COLUMN_TRIGGERS.length) {
    throw new Error('The triggers that keep the situations’ derived columns are not all there.');
  }
  const enable: Record<string, string> = { O: 'enable', A: 'enable always', R: 'enable replica' };
  for (const { table, trigger } of modes) {
    await loader.query(`alter table ${table} disable trigger ${trigger}`);
  }
  return async () => {
    for (const { table, trigger, mode } of modes) {
      if (enable[mode])
        await loader.query(`alter table ${table} ${enable[mode]} trigger ${trigger}`);
    }
  };
}

/**
 * The columns the generator wrote in place of the triggers (DERIVED_COLUMN_TRIGGERS), checked
 * set-based against the rows the triggers derive them from: the number of risk-factor codes, and
 * the due time of the first-contact item. Throws (the caller rolls back) on any difference.
 */
export async function checkDerivedColumns(
  loader: Loader,
  tables: readonly GeneratedTable[],
): Promise<void> {
  const [row] = await loader.query<{ wrong: number }>(
    `select count(*)::int as wrong
     from situation s
     left join (
       select situation_id, count(*)::int as n from situation_code
       where list = 'risk_factor' group by situation_id
     ) c on c.situation_id = s.id
     left join action_item a on a.situation_id = s.id and a.kind = 'first_contact'
     where s.table_id = any($1::uuid[])
       and (s.risk_factor_count <> coalesce(c.n, 0)
         or s.first_contact_due_at is distinct from a.due_at)`,
    [tables.map((t) => t.id)],
  );
  if (row?.wrong !== 0) {
    throw new Error(
      `${row?.wrong} situations' derived columns differ from their codes or items; rolled back.`,
    );
  }
}

/**
 * After a load with foreign-key triggers off (session_replication_role = replica): checks that
 * every parent the run referenced exists. The generator references only the tables, agencies and
 * people it created or read and the situations it wrote in the same run, so checking the parents
 * of the run (a few hundred ids) and the numbers of situations and facts stand in for the per-row checks.
 */
export async function validateLoad(
  loader: Loader,
  tables: readonly GeneratedTable[],
  expected: { situations: number; facts: number },
): Promise<void> {
  const tableIds = tables.map((t) => t.id);
  const agencyIds = tables.flatMap((t) => t.agencies.map((a) => a.id));
  const userIds = [
    ...new Set(tables.flatMap((t) => [t.coordinatorId, ...t.agencies.map((a) => a.userId)])),
  ];
  const [row] = await loader.query<{ tables: number; agencies: number; users: number }>(
    `select (select count(*)::int from situation_table where id = any($1::uuid[])) as tables,
            (select count(*)::int from agency where id = any($2::uuid[])) as agencies,
            (select count(*)::int from app_user where id = any($3::uuid[])) as users`,
    [tableIds, agencyIds, userIds],
  );
  const [counts] = await loader.query<{ situations: number; facts: number }>(
    `select (select count(*)::int from situation where table_id = any($1::uuid[])) as situations,
            (select count(*)::int from situation_fact where table_id = any($1::uuid[])) as facts`,
    [tableIds],
  );
  if (
    row?.tables !== tableIds.length ||
    row.agencies !== agencyIds.length ||
    row.users !== userIds.length ||
    counts?.situations !== expected.situations ||
    counts.facts !== expected.facts
  ) {
    throw new Error('The load left rows without their parents; it was rolled back.');
  }
}
