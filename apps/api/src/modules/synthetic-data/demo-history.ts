/**
 * The demo's history for statistics: a year of closed and rejected situations on Riverside and on
 * a generated table the demo analyst is also granted, written by the data generator inside the
 * demo seed's transaction (db/demo-data.ts calls it through the seeder start-up passes in).
 */
import type { Transaction } from 'kysely';
import type { DemoHistorySeeder } from '../../db/demo-data';
import type { DB } from '../../db/schema';
import {
  createTables,
  generateSituations,
  idSequence,
  loadCodeLists,
  loadTables,
} from './generator';
import { kyselyLoader } from './loaders';

/**
 * Situations of history on Riverside, and on the generated tables together. Kept small: the
 * statistics cells, not the situations, are what costs (each month of a table holds a thousand
 * or so, mostly pairs of risk factors), and the demo loads at the first start.
 */
export const DEMO_HISTORY = { years: 1, riverside: 400, generatedTables: 1, generated: 150 };

export const seedDemoHistory: DemoHistorySeeder = async (
  trx: Transaction<DB>,
  ids: { riversideId: string; analystId: string; administratorId: string },
) => {
  const loader = kyselyLoader(trx);
  // Foreign-key checks cost most of the load's time; where the role allows (the embedded
  // database, a superuser), they are off for the generated rows only, which reference nothing
  // but what this transaction created or read. Back on before the transaction goes on.
  const [role] = await loader.query<{ superuser: boolean }>(
    `select current_setting('is_superuser') = 'on' as superuser`,
  );
  if (role?.superuser) await loader.query('set local session_replication_role = replica');
  const now = new Date();
  // History ends three weeks ago: the curated situations are the recent ones.
  const until = new Date(now.getTime() - 21 * 24 * 3_600_000);
  const nextId = idSequence();
  const codes = await loadCodeLists(loader);
  const history = {
    years: DEMO_HISTORY.years,
    now,
    until,
    openStages: false,
    identityRetentionDays: 30,
  };
  const [riverside] = await loadTables(loader, [ids.riversideId]);
  await generateSituations(
    loader,
    [riverside!],
    codes,
    { ...history, situations: DEMO_HISTORY.riverside, seed: 'demo-riverside' },
    nextId,
  );
  const generated = await createTables(loader, DEMO_HISTORY.generatedTables, {
    seed: 'demo',
    now,
    nextId,
    codes,
  });
  await generateSituations(
    loader,
    generated,
    codes,
    { ...history, situations: DEMO_HISTORY.generated, seed: 'demo-tables' },
    nextId,
  );
  if (role?.superuser) await loader.query('set local session_replication_role = origin');
  // The analyst reads their statistics too: an analyst's membership needs no confirmation.
  for (const table of generated) {
    await trx
      .insertInto('table_membership')
      .values({
        table_id: table.id,
        user_id: ids.analystId,
        role: 'analyst',
        status: 'not_required',
        requested_by: ids.administratorId,
        confirmed_at: now,
      })
      .execute();
    const agreement = await trx
      .selectFrom('confidentiality_agreement')
      .select('id')
      .where('table_id', '=', table.id)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('agreement_acceptance')
      .values({ user_id: ids.analystId, agreement_id: agreement.id })
      .execute();
  }
};
