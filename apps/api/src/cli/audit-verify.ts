/** `pnpm audit:verify`: walks the audit log's hash chain and names the first broken row. */
import pino from 'pino';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { verifyAuditChain } from '../modules/audit/audit.service';

const config = loadConfig();
const database = await openDatabase(config.database, pino({ level: config.logLevel }));
try {
  const result = await verifyAuditChain(database.db);
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
