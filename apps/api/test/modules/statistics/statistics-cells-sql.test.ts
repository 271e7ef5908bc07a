/**
 * The one definition of a statistics cell, `stats_fact_cells` (migration 0019): what a fact counts
 * in, written out by hand for an accepted and a rejected fact, and its day buckets against the
 * labels the web shows (dayBucketOf over the shared bucket lists).
 */
import { randomUUID } from 'node:crypto';
import { dayBucketOf, daysOpenBuckets, firstContactDayBuckets } from '@fourfold/shared/statistics';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/db/database';
import { createTestDatabase } from '../../helpers/test-database';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.close());

type Fact = Record<string, unknown>;

async function cellsOf(fact: Fact): Promise<string[]> {
  const { rows } = await sql<{ cell: string }>`
    select c.dimension || ' ' || c.key as cell
    from json_populate_record(null::situation_fact, ${JSON.stringify(fact)}::json) f
    cross join lateral (select * from stats_fact_cells(f) offset 0) c
  `.execute(database.db);
  return rows.map((row) => row.cell).sort();
}

const base = {
  situation_id: randomUUID(),
  table_id: randomUUID(),
  period: '2026-03-01',
  situation_type: 'individual',
  age_band: '18_24',
  gender: 'female',
  originating_sector: 'police',
  is_repeat: false,
};

describe('stats_fact_cells', () => {
  it('counts an accepted fact in every dimension, pairs in the order of its sorted lists', async () => {
    const cells = await cellsOf({
      ...base,
      outcome: 'accepted',
      lead_sector: 'mental_health',
      assisting_sectors: ['housing', 'police'],
      risk_factors: ['alcohol.abuse', 'antisocial.threats', 'mental_health.diagnosis'],
      risk_categories: ['alcohol', 'antisocial', 'mental_health'],
      protective_factors: ['family_support'],
      study_flags: ['vulnerable_youth'],
      conclusion_reason: 'lowered_connected',
      risk_lowered: true,
      days_to_first_contact: 5,
      first_contact_within_target: false,
      days_open: 45,
      is_repeat: true,
    });
    // prettier-ignore
    expect(cells).toEqual([
      'age_band 18_24',
      'assisting_sector housing', 'assisting_sector police',
      'conclusion risk_lowered', 'conclusion_reason lowered_connected',
      'days_open 31_60',
      'discussions all',
      'first_contact after_target', 'first_contact_days 3_7',
      'gender female',
      'lead_sector mental_health',
      'originating_sector police',
      'outcome accepted',
      'protective_factor family_support',
      'repeat repeat',
      'risk_category alcohol', 'risk_category antisocial', 'risk_category mental_health',
      'risk_category_by_age_band 18_24|alcohol', 'risk_category_by_age_band 18_24|antisocial',
      'risk_category_by_age_band 18_24|mental_health',
      'risk_category_by_gender female|alcohol', 'risk_category_by_gender female|antisocial',
      'risk_category_by_gender female|mental_health',
      'risk_category_pair alcohol|antisocial', 'risk_category_pair alcohol|mental_health',
      'risk_category_pair antisocial|mental_health',
      'risk_factor alcohol.abuse', 'risk_factor antisocial.threats',
      'risk_factor mental_health.diagnosis',
      'risk_factor_by_age_band 18_24|alcohol.abuse', 'risk_factor_by_age_band 18_24|antisocial.threats',
      'risk_factor_by_age_band 18_24|mental_health.diagnosis',
      'risk_factor_by_gender female|alcohol.abuse', 'risk_factor_by_gender female|antisocial.threats',
      'risk_factor_by_gender female|mental_health.diagnosis',
      'risk_factor_pair alcohol.abuse|antisocial.threats',
      'risk_factor_pair alcohol.abuse|mental_health.diagnosis',
      'risk_factor_pair antisocial.threats|mental_health.diagnosis',
      'situation_type individual',
      'study_flag vulnerable_youth',
    ]);
  });

  it('counts an open accepted fact as open and not yet contacted', async () => {
    const cells = await cellsOf({ ...base, outcome: 'accepted' });
    expect(cells).toEqual(
      expect.arrayContaining(['conclusion open', 'days_open open', 'first_contact none']),
    );
    expect(cells.filter((cell) => cell.startsWith('first_contact_days'))).toEqual([]);
  });

  it('counts a rejected fact in the common dimensions only, whatever its lists hold', async () => {
    const cells = await cellsOf({
      ...base,
      outcome: 'rejected',
      rejection_reason: 'not_acute',
      risk_factors: ['alcohol.abuse'],
      risk_categories: ['alcohol'],
      lead_sector: 'mental_health',
    });
    // prettier-ignore
    expect(cells).toEqual([
      'age_band 18_24', 'days_open not_applicable', 'discussions all', 'first_contact not_applicable',
      'gender female', 'originating_sector police', 'outcome rejected', 'rejection_reason not_acute',
      'repeat first', 'situation_type individual',
    ]);
  });

  it('puts every day from 0 to 400 in the bucket the shared lists label', async () => {
    const { rows } = await sql<{ days: number; first: string; open: string }>`
      select d as days, stats_first_contact_day_bucket(d) as first, stats_days_open_bucket(d) as open
      from generate_series(0, 400) d order by d
    `.execute(database.db);
    expect(rows).toHaveLength(401);
    for (const row of rows) {
      expect(row.first).toBe(dayBucketOf(row.days, firstContactDayBuckets));
      expect(row.open).toBe(dayBucketOf(row.days, daysOpenBuckets));
    }
  });
});
