/**
 * A demo situation at filter 4 on the Riverside table, so that the action items can be tried at
 * once: assigned three days ago to the mental health agency (lead) with the housing centre
 * assisting, no first contact recorded — its first-contact item is overdue — and one open task.
 * De-identified only: no identity is sealed for it.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from './schema';

const DAY = 24 * 3_600_000;

export async function seedDemoIntervention(
  trx: Transaction<DB>,
  {
    tableId,
    prefix,
    coordinatorId,
    originatorId,
    agencyIds,
  }: {
    tableId: string;
    prefix: string;
    coordinatorId: string;
    /** A representative of the originating agency, who drafted and presented it. */
    originatorId: string;
    agencyIds: { originating: string; lead: string; assisting: string };
  },
): Promise<void> {
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const year = new Date().getUTCFullYear();
  const { last_number: number } = await trx
    .insertInto('situation_reference_counter')
    .values({ table_id: tableId, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['table_id', 'year']).doUpdateSet({
        last_number: sql<number>`situation_reference_counter.last_number + 1`,
      }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  const assignedAt = at(3);
  const { id: situationId } = await trx
    .insertInto('situation')
    .values({
      table_id: tableId,
      reference: `${prefix}-${year}-${String(number).padStart(4, '0')}`,
      stage: 'filter4',
      version: 4,
      situation_type: 'individual',
      age_band: '18_24',
      gender: 'female',
      summary: 'Young adult making escalating threats at home; recently lost housing.',
      filter1_agency_exhausted_options: true,
      filter1_significant_interest: true,
      filter1_probability_of_harm: true,
      filter1_severity_of_harm: true,
      filter1_multiple_agencies_needed: true,
      originating_agency_id: agencyIds.originating,
      created_by: originatorId,
      submitted_at: at(4),
      submitted_by: originatorId,
      decided_at: at(3),
      decided_by: coordinatorId,
      assigned_at: assignedAt,
      assigned_by: coordinatorId,
      lead_agency_id: agencyIds.lead,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('situation_code')
    .values([
      { situation_id: situationId, list: 'risk_factor', code: 'alcohol.abuse' },
      { situation_id: situationId, list: 'risk_factor', code: 'antisocial.threats' },
    ])
    .execute();
  await trx
    .insertInto('situation_agency_present')
    .values(
      [agencyIds.originating, agencyIds.lead, agencyIds.assisting].map((agencyId) => ({
        situation_id: situationId,
        agency_id: agencyId,
      })),
    )
    .execute();
  await trx
    .insertInto('situation_assisting_agency')
    .values({ situation_id: situationId, agency_id: agencyIds.assisting })
    .execute();
  await trx
    .insertInto('action_item')
    .values([
      {
        situation_id: situationId,
        table_id: tableId,
        owner_agency_id: agencyIds.lead,
        kind: 'first_contact',
        description: null,
        due_at: new Date(assignedAt.getTime() + 2 * DAY),
        created_by: coordinatorId,
      },
      {
        situation_id: situationId,
        table_id: tableId,
        owner_agency_id: agencyIds.assisting,
        kind: 'task',
        description: 'Find an emergency shelter bed and tell the lead agency.',
        due_at: new Date(now + 2 * DAY),
        created_by: coordinatorId,
      },
    ])
    .execute();
}
