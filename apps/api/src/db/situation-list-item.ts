/**
 * The de-identified list item of a situation (situationListItemSchema): the columns every list of
 * situations selects (the table's situation list, the work home) and the one mapping of such a
 * row to the API's shape. Here, beside the schema, so that the modules that list situations share
 * it without reaching into one another's repositories. De-identified columns only.
 */
import type { SituationListItem } from '@fourfold/shared/situations';
import { sql } from 'kysely';
import { isoText } from '../lib/iso';
import type { StageColumn } from './schema';

/** Selected from `situation as s` joined with its originating (`o`) and lead (`l`) agencies. */
export const situationListItemColumns = [
  's.id',
  's.reference',
  's.stage',
  's.situation_type',
  's.age_band',
  's.gender',
  's.originating_agency_id',
  'o.name as originating_agency_name',
  's.lead_agency_id',
  'l.name as lead_agency_name',
  // Timestamps formatted by the database as the answer sends them (lib/iso.ts).
  isoText(sql`s.created_at`).as('created_at'),
  isoText(sql`s.updated_at`).as('updated_at'),
  isoText(sql`s.first_contact_at`).as('first_contact_at'),
  // Kept on the row by triggers (migration 0018): no subquery per listed situation.
  isoText(sql`s.first_contact_due_at`).as('first_contact_due_at'),
  's.risk_factor_count',
] as const;

/** What `situationListItemColumns` reads, as the mapping needs it. */
export type SituationListItemRow = {
  id: string;
  reference: string;
  stage: StageColumn;
  situation_type: string;
  age_band: string;
  gender: string;
  originating_agency_id: string;
  originating_agency_name: string;
  lead_agency_id: string | null;
  lead_agency_name: string | null;
  /** ISO 8601 in UTC, as sent (isoText). */
  created_at: string;
  updated_at: string;
  first_contact_at: string | null;
  first_contact_due_at: string | null;
  risk_factor_count: number;
};

export function toSituationListItem(row: SituationListItemRow): SituationListItem {
  return {
    id: row.id,
    reference: row.reference,
    stage: row.stage,
    situationType: row.situation_type,
    ageBand: row.age_band,
    gender: row.gender,
    originatingAgency: { id: row.originating_agency_id, name: row.originating_agency_name },
    leadAgency:
      row.lead_agency_id && row.lead_agency_name
        ? { id: row.lead_agency_id, name: row.lead_agency_name }
        : null,
    riskFactorCount: row.risk_factor_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstContactDueAt: row.first_contact_due_at,
    firstContactAt: row.first_contact_at,
  };
}
