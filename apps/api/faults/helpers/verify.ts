/** What the database holds afterwards, for the writes the API acknowledged. */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema';
import { verifyAuditChain } from '../../src/modules/audit/audit.service';
import { acknowledged, type RequestRecord } from './load';

export type WriteCheck = {
  acknowledged: number;
  /** Acknowledged writes whose situation is missing or older than the acknowledged version. */
  missing: number;
  /** Acknowledged writes without exactly one audit event under their request id. */
  auditMismatches: number;
  /** Request ids (of any write tried) with more than one audit event. */
  duplicatedAudit: number;
  auditChainIntact: boolean;
  auditEventsChecked: number;
};

export async function checkWrites(db: Kysely<DB>, records: RequestRecord[]): Promise<WriteCheck> {
  const acked = acknowledged(records);
  const ids = [...new Set(acked.map((r) => r.situationId))];
  const versions = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('situation')
      .select(['id', 'version'])
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
    for (const row of rows) versions.set(row.id, row.version);
  }
  const missing = acked.filter((r) => (versions.get(r.situationId) ?? -1) < r.version).length;

  const requestIds = [
    ...new Set(records.filter((r) => r.kind !== 'refresh' && r.requestId).map((r) => r.requestId!)),
  ];
  const auditCounts = new Map<string, number>();
  for (let i = 0; i < requestIds.length; i += 1000) {
    const rows = await db
      .selectFrom('audit_event')
      .select(['request_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('request_id', 'in', requestIds.slice(i, i + 1000))
      .groupBy('request_id')
      .execute();
    for (const row of rows) auditCounts.set(row.request_id!, Number(row.n));
  }
  const auditMismatches = acked.filter((r) => auditCounts.get(r.requestId) !== 1).length;
  const duplicatedAudit = [...auditCounts.values()].filter((n) => n > 1).length;
  const chain = await verifyAuditChain(db);
  return {
    acknowledged: acked.length,
    missing,
    auditMismatches,
    duplicatedAudit,
    auditChainIntact: chain.intact,
    auditEventsChecked: chain.checked,
  };
}
