/**
 * `pnpm stats:rebuild`: recomputes `situation_fact` and `stats_cell` from the situations (for an
 * upgrade from a version before migration 0015, or to check that the running totals hold). Holds
 * off situation writes while it runs; cells that remain keep their seed, so their published
 * numbers do not change. Prints counts only.
 */
import pino from 'pino';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { rebuildStatistics } from '../modules/statistics/facts.service';

const config = loadConfig();
const database = await openDatabase(config.database, pino({ level: config.logLevel }));
try {
  const started = Date.now();
  const result = await rebuildStatistics(database.db);
  console.log(
    `Statistics rebuilt from ${result.situations} discussed situations: ${result.cells} cells ` +
      `(${result.changedCells} changed or new) in ${Date.now() - started} ms.`,
  );
} catch (error) {
  // The class only: a driver's message can quote values.
  console.error(
    `Statistics rebuild failed: ${error instanceof Error ? error.name : 'unknown error'}`,
  );
  process.exitCode = 1;
} finally {
  await database.close();
}
