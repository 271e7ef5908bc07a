/**
 * Where a summary request's time goes: the steps of statistics.service.ts's `summary`, each run
 * on its own with the app's real functions (the repository's queries, buildSummary, the response
 * schema, recordAudit), in this process on its own database handle, plus an authenticated request
 * that does nothing (GET /api/me) for what authentication costs an analyst of every table. The
 * medians of a few calls; the API's own p50 less their sum is HTTP, routing and scheduling.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../apps/api/src/config';
import { openDatabase, type DatabaseHandle } from '../../apps/api/src/db/database';
import type { Logger } from '../../apps/api/src/db/log';
import { recordAudit } from '../../apps/api/src/modules/audit/audit.service';
import {
  codeOrder,
  summaryCells,
} from '../../apps/api/src/modules/statistics/statistics.repository';
import { buildSummary, periodsOf } from '../../apps/api/src/modules/statistics/summary';
import { statsSummarySchema } from '../../packages/shared/src/statistics';
import { analystToken } from './tokens';
import type { SummaryCase } from './summary';

export type Breakdown = {
  calls: number;
  /** Median milliseconds of each step. */
  authenticatedNoop: number;
  summaryCells: number;
  codeOrder: number;
  buildSummary: number;
  serialise: number;
  auditEvents: number;
  audit: number;
};

const quiet: Logger = { error: console.error, warn: console.warn, info: () => {} };

export async function openBreakdownDatabase(environment: Record<string, string>) {
  return openDatabase(loadConfig(environment).database, quiet);
}

async function median(calls: number, step: () => Promise<unknown>): Promise<number> {
  await step();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await step();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function summaryBreakdown(
  database: DatabaseHandle,
  summaryCase: SummaryCase,
  context: {
    baseUrl: string;
    tableIds: string[];
    allTableIds: string[];
    analyst: { userId: string; agencyId: string };
    threshold: number;
    calls: number;
  },
): Promise<Breakdown> {
  const { db } = database;
  const query = {
    tableIds: context.tableIds,
    from: summaryCase.from,
    to: summaryCase.to,
    interval: summaryCase.interval,
    allTableIds: context.allTableIds,
  };
  const cells = await summaryCells(db, query);
  const order = await codeOrder(db);
  const periods = periodsOf(summaryCase.from, summaryCase.to, summaryCase.interval);
  const parts = buildSummary({ periods, cells, order, threshold: context.threshold });
  const body = {
    tables: context.tableIds.map((id) => ({ id, name: 'Table name of some length' })),
    from: summaryCase.from,
    to: summaryCase.to,
    interval: summaryCase.interval,
    periods,
    threshold: context.threshold,
    roundingBase: 5,
    ...parts,
  };
  const me = `${context.baseUrl}/api/me`;
  return {
    calls: context.calls,
    authenticatedNoop: await median(context.calls, async () => {
      const response = await fetch(me, {
        headers: { authorization: `Bearer ${await analystToken()}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /api/me answered ${response.status}`);
    }),
    summaryCells: await median(context.calls, () => summaryCells(db, query)),
    codeOrder: await median(context.calls, () => codeOrder(db)),
    buildSummary: await median(context.calls, async () =>
      buildSummary({ periods, cells, order, threshold: context.threshold }),
    ),
    serialise: await median(context.calls, async () =>
      JSON.stringify(statsSummarySchema.parse(body)),
    ),
    auditEvents: context.tableIds.length,
    // As the service writes them: one event per table, in one transaction.
    audit: await median(context.calls, () =>
      db.transaction().execute(async (trx) => {
        const requestId = randomUUID();
        for (const tableId of context.tableIds) {
          await recordAudit(trx, {
            action: 'statistics.read',
            dataCategory: 'statistics',
            outcome: 'allowed',
            userId: context.analyst.userId,
            agencyId: context.analyst.agencyId,
            role: 'analyst',
            tableId,
            requestId,
          });
        }
      }),
    ),
  };
}
