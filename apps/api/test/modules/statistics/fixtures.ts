/**
 * Fixtures for the statistics tests: situations walked through the real workflow with the coded
 * facts a test needs, and synthetic facts counted straight into `stats_cell` (the way the
 * write path does, through `stats_fact_cells`) for datasets too large to walk.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import type { DB } from '../../../src/db/schema';
import { applyFactChanges } from '../../../src/modules/statistics/facts.repository';
import type { SituationFact } from '../../../src/modules/statistics/situation-facts';
import {
  IDENTITY,
  NOTE_TEXT,
  draftBody,
  type Cast,
  type SituationClient,
} from '../../helpers/situations';

function expectStatus(res: LightMyRequestResponse, status: number, step: string) {
  if (res.statusCode !== status) {
    throw new Error(`${step}: expected ${status}, got ${res.statusCode} ${res.body}`);
  }
}

export type Walk = {
  stage: 'filter2' | 'rejected' | 'filter3' | 'filter4' | 'contacted' | 'closed';
  body?: Record<string, unknown>;
  identity?: Record<string, unknown> | null;
  conclusion?: string;
  rejectionReason?: string;
};

/** Creates a situation through the API and walks it to `stage` (contacted: filter 4 + contact). */
export async function walk(client: SituationClient, cast: Cast, plan: Walk): Promise<string> {
  const created = await client.call(
    'originating',
    'POST',
    `/api/tables/${cast.tableId}/situations`,
    { payload: draftBody(plan.body) },
  );
  expectStatus(created, 201, 'create');
  const id = created.json().id as string;
  const identity = plan.identity === undefined ? IDENTITY : plan.identity;
  if (identity) {
    expectStatus(
      await client.write('originating', 'PUT', id, '/identity', identity),
      200,
      'identity',
    );
  }
  expectStatus(await client.write('originating', 'POST', id, '/submit'), 200, 'submit');
  if (plan.stage === 'filter2') return id;
  const agenciesPresent = [cast.agencies.present, cast.agencies.lead, cast.agencies.assisting];
  if (plan.stage === 'rejected') {
    expectStatus(
      await client.write('coordinator', 'POST', id, '/decision', {
        outcome: 'rejected',
        rejectionReason: plan.rejectionReason ?? 'single_agency',
        agenciesPresent,
      }),
      200,
      'reject',
    );
    return id;
  }
  expectStatus(
    await client.write('coordinator', 'POST', id, '/decision', {
      outcome: 'accepted',
      agenciesPresent,
    }),
    200,
    'accept',
  );
  if (plan.stage === 'filter3') return id;
  expectStatus(
    await client.write('coordinator', 'POST', id, '/assignment', {
      leadAgencyId: cast.agencies.lead,
      assistingAgencyIds: [cast.agencies.assisting],
    }),
    200,
    'assign',
  );
  if (plan.stage === 'filter4') return id;
  expectStatus(await client.write('lead', 'POST', id, '/notes', { body: NOTE_TEXT }), 201, 'note');
  expectStatus(
    await client.write('lead', 'POST', id, '/contact', {
      at: new Date().toISOString(),
      outcome: 'engaged',
    }),
    200,
    'contact',
  );
  if (plan.stage === 'contacted') return id;
  expectStatus(
    await client.write('coordinator', 'POST', id, '/close', {
      conclusion: plan.conclusion ?? 'lowered_connected',
    }),
    200,
    'close',
  );
  return id;
}

/** The current month on the cast's clock (America/Toronto), `YYYY-MM`. */
export function currentMonth(timeZone = 'America/Toronto'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}`;
}

/** A synthetic accepted and closed fact; override what the test needs. */
export function fact(overrides: Partial<SituationFact> & { tableId: string; period: string }) {
  return {
    situationId: randomUUID(),
    situationType: 'individual',
    ageBand: '18_24',
    gender: 'female',
    outcome: 'accepted',
    rejectionReason: null,
    originatingSector: 'police',
    leadSector: 'mental_health',
    assistingSectors: ['housing'],
    riskFactors: ['alcohol.abuse', 'antisocial.threats'],
    riskCategories: ['alcohol', 'antisocial'],
    protectiveFactors: [],
    studyFlags: [],
    conclusionReason: 'lowered_connected',
    riskLowered: true,
    daysToFirstContact: 1,
    firstContactWithinTarget: true,
    daysOpen: 20,
    isRepeat: false,
    ...overrides,
  } satisfies SituationFact;
}

/** Counts synthetic facts into `stats_cell` (no `situation_fact` row: the summary reads cells). */
export async function countFacts(db: Kysely<DB>, facts: readonly SituationFact[]) {
  for (let i = 0; i < facts.length; i += 2000) {
    await applyFactChanges(db, [], facts.slice(i, i + 2000));
  }
}
