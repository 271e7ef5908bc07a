/**
 * The statistics summary: which tables the person may read statistics of, the one query on the
 * rollup (through the statistics read handle: a replica when DATABASE_READ_URL is set), the
 * disclosure control of summary.ts, and the audit event of the read.
 *
 * Access: `statistics.read` on every table asked for. A table that does not exist, or where the
 * person holds no such role, answers 404 as if missing; the reasons the policy may tell (a second
 * factor the table requires) answer 403. With no table named, the summary covers every table
 * where the person may read statistics now (a table needing a second factor this session lacks is
 * left out, and named in no answer).
 */
import { decide, tablesWhere, type Actor } from '@fourfold/shared/access-policy';
import {
  ROUNDING_BASE,
  type StatsSummary,
  type StatsSummaryQuery,
} from '@fourfold/shared/statistics';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AccessDeniedError, authorize, roleOn } from '../../lib/access';
import { recordAudit } from '../audit/audit.service';
import * as repo from './statistics.repository';
import { buildSummary, periodsOf } from './summary';

export type StatisticsDeps = {
  /** The primary: the audit log is written here. */
  db: Kysely<DB>;
  /** Where the statistics are read: a replica, or the primary. */
  readDb: Kysely<DB>;
  threshold: number;
};

const subjectOf = (table: repo.TableRow) => ({
  kind: 'table' as const,
  tableId: table.id,
  requiresSecondFactor: table.requires_second_factor,
});

export function createStatisticsService({ db, readDb, threshold }: StatisticsDeps) {
  /** The tables of the query the person may read statistics of, or the refusal. */
  async function readableTables(actor: Actor, asked: readonly string[]): Promise<repo.TableRow[]> {
    const granted = new Set(tablesWhere(actor, 'statistics.read'));
    if (asked.length > 0) {
      const unique = [...new Set(asked)];
      const hidden = unique.filter((id) => !granted.has(id));
      const tables = await repo.tablesById(
        db,
        unique.filter((id) => granted.has(id)),
      );
      if (hidden.length > 0 || tables.length !== unique.length) {
        throw new AccessDeniedError('statistics.read', 'hidden', {});
      }
      for (const table of tables) authorize(actor, 'statistics.read', subjectOf(table));
      return tables;
    }
    const tables = await repo.tablesById(db, [...granted]);
    const allowed = tables.filter((t) => decide(actor, 'statistics.read', subjectOf(t)).allowed);
    // Nothing left: the policy's own reason (a second factor, say) is the answer.
    if (allowed.length === 0 && tables[0])
      authorize(actor, 'statistics.read', subjectOf(tables[0]));
    if (allowed.length === 0) throw new AccessDeniedError('statistics.read', 'not_permitted', {});
    return allowed;
  }

  return {
    async summary(
      actor: Actor,
      query: StatsSummaryQuery,
      ctx: { requestId: string },
    ): Promise<StatsSummary> {
      const tables = await readableTables(actor, query.tableId);
      const tableIds = tables.map((t) => t.id);
      const [allTableIds, order] = await Promise.all([
        repo.allTableIds(readDb),
        repo.codeOrder(readDb),
      ]);
      const cells = await repo.summaryCells(readDb, {
        tableIds,
        from: query.from,
        to: query.to,
        interval: query.interval,
        allTableIds,
      });
      const periods = periodsOf(query.from, query.to, query.interval);
      const parts = buildSummary({ periods, cells, order, threshold });
      // No audit event, no statistics: one event per table read, so each table's privacy officer
      // sees who read its numbers.
      await db.transaction().execute(async (trx) => {
        for (const table of tables) {
          await recordAudit(trx, {
            action: 'statistics.read',
            dataCategory: 'statistics',
            outcome: 'allowed',
            userId: actor.userId,
            agencyId: actor.agencyId,
            role: roleOn(actor, table.id),
            tableId: table.id,
            requestId: ctx.requestId,
          });
        }
      });
      return {
        tables: tables.map((t) => ({ id: t.id, name: t.name })),
        from: query.from,
        to: query.to,
        interval: query.interval,
        periods,
        threshold,
        roundingBase: ROUNDING_BASE,
        ...parts,
      };
    },
  };
}

export type StatisticsService = ReturnType<typeof createStatisticsService>;
