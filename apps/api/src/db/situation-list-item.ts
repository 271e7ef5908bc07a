/**
 * The de-identified list item of a situation (situationListItemSchema): the columns every list of
 * situations selects (the table's situation list, the work home) and the one mapping of such a
 * row to the API's shape. Here, beside the schema, so that the modules that list situations share
 * it without reaching into one another's repositories. De-identified columns only.
 */
import type { SituationListItem } from '@fourfold/shared/situations';
import type { ExpressionBuilder } from 'kysely';
import { iso } from '../lib/iso';
import { firstContactDueAt } from './first-contact-due';
import type { DB, StageColumn } from './schema';

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
  's.created_at',
  's.updated_at',
  's.first_contact_at',
  firstContactDueAt,
  (eb: ExpressionBuilder<DB & { s: DB['situation'] }, 's'>) =>
    eb
      .selectFrom('situation_code as c')
      .select((counted) => counted.fn.countAll<string>().as('n'))
      .whereRef('c.situation_id', '=', 's.id')
      .where('c.list', '=', 'risk_factor')
      .as('risk_factor_count'),
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
  created_at: Date | string;
  updated_at: Date | string;
  first_contact_at: Date | string | null;
  first_contact_due_at: Date | string | null;
  risk_factor_count: string | number | null;
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
    riskFactorCount: Number(row.risk_factor_count ?? 0),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    firstContactDueAt: row.first_contact_due_at ? iso(row.first_contact_due_at) : null,
    firstContactAt: row.first_contact_at ? iso(row.first_contact_at) : null,
  };
}
