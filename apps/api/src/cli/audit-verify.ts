/** `pnpm audit:verify`: checks the audit log's hash chain in one pass and names the first broken row. */
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { verifyAuditChain } from '../modules/audit/audit.service';

const config = loadConfig();
const database = await openDatabase(config.database, pino({ level: config.logLevel }));
try {
  // One statement over the whole log: the API's statement timeout, meant for requests, would stop
  // it at a few million events. Lifted for this transaction only.
  const result = await database.db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    return verifyAuditChain(trx);
  });
  if (result.intact) {
    console.log(`Audit log intact: ${result.checked} events verified.`);
  } else {
    console.error(
      `Audit log BROKEN at event ${result.firstBrokenId} (${result.problem.replace('_', ' ')}); ` +
        `${result.checked} events before it verified.`,
    );
    process.exitCode = 2;
  }
} finally {
  await database.close();
}
