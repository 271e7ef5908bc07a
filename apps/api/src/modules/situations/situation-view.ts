/**
 * The de-identified view of a situation (situationSchema) and of a list item, built from the
 * de-identified columns only. Identity is never read here: it has its own audited route.
 */
import { createHash } from 'node:crypto';
import {
  findPersonalData,
  possibleNameStatus,
  type PossibleNameStatus,
} from '@fourfold/shared/personal-data';
import type { Situation } from '@fourfold/shared/situations';
import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import { notFound } from '../../lib/errors';
import * as repo from './situations.repository';
import { iso } from '../../lib/iso';

/** The digest that ties an author's confirmation to exactly one summary text. */
export const summaryDigest = (summary: string) =>
  createHash('sha256').update(summary, 'utf8').digest('hex');

/** Whether the summary's possible names stand in the way of presenting it. */
export function possibleNamesOf(
  summary: string | null,
  confirmedDigest: string | null,
): PossibleNameStatus {
  if (summary === null) return 'none';
  return possibleNameStatus(
    findPersonalData(summary),
    confirmedDigest !== null && confirmedDigest === summaryDigest(summary),
  );
}

/**
 * The situation's view, read in one statement; after a write, the same statement runs the steps
 * after every write (`afterWrite`, situation-writes.ts).
 */
export async function readSituationView(
  db: Kysely<DB>,
  id: string,
  options: { afterWrite?: RawBuilder<unknown> } = {},
): Promise<Situation> {
  const row = await repo.findSituation(db, id, options);
  if (!row) throw notFound();
  return situationViewOf(row);
}

/** The view of a situation already read (by the access check, say): no query. */
export function situationViewOf(row: repo.SituationRow): Situation {
  const staff = new Map(
    row.staff.map((u) => [u.id, { displayName: u.display_name, agencyName: u.agency_name }]),
  );
  const codes = row.codes;
  const present = row.agencies_present;
  const assisting = row.assisting_agencies;
  const codesOfList = (list: repo.CodeListOfSituation) =>
    codes.filter((c) => c.list === list).map((c) => c.code);
  const step = (at: Date | string | null, by: string | null) =>
    at === null ? null : { at: iso(at), by: by === null ? null : (staff.get(by) ?? null) };

  return {
    id: row.id,
    reference: row.reference,
    tableId: row.table_id,
    tableRequiresSecondFactor: row.table_requires_second_factor,
    stage: row.stage,
    version: row.version,
    situationType: row.situation_type,
    ageBand: row.age_band,
    gender: row.gender,
    riskFactors: codesOfList('risk_factor'),
    protectiveFactors: codesOfList('protective_factor'),
    studyFlags: codesOfList('study_flag'),
    summary: row.summary,
    possibleNames: possibleNamesOf(row.summary, row.names_confirmed_digest),
    freeTextDestroyedAt: row.free_text_destroyed_at ? iso(row.free_text_destroyed_at) : null,
    filter1: {
      agencyExhaustedOptions: row.filter1_agency_exhausted_options,
      significantInterest: row.filter1_significant_interest,
      probabilityOfHarm: row.filter1_probability_of_harm,
      severityOfHarm: row.filter1_severity_of_harm,
      multipleAgenciesNeeded: row.filter1_multiple_agencies_needed,
    },
    originatingAgency: { id: row.originating_agency_id, name: row.originating_agency_name },
    agenciesPresent: present.map((a) => ({ id: a.id, name: a.name, involved: a.involved })),
    leadAgency:
      row.lead_agency_id && row.lead_agency_name !== null
        ? { id: row.lead_agency_id, name: row.lead_agency_name }
        : null,
    assistingAgencies: assisting.map((a) => ({ id: a.id, name: a.name })),
    rejectionReason: row.rejection_reason,
    conclusion: row.conclusion_reason,
    firstContact:
      row.first_contact_at && row.first_contact_outcome
        ? { at: iso(row.first_contact_at), outcome: row.first_contact_outcome }
        : null,
    firstContactDueAt: row.first_contact_due_at ? iso(row.first_contact_due_at) : null,
    noContactReason: row.no_contact_reason,
    identityStatus: row.identity_held
      ? 'held'
      : row.identity_destroyed_at !== null
        ? 'destroyed'
        : 'none',
    steps: {
      created: step(row.created_at, row.created_by),
      submitted: step(row.submitted_at, row.submitted_by),
      decided: step(row.decided_at, row.decided_by),
      assigned: step(row.assigned_at, row.assigned_by),
      firstContact: step(row.first_contact_at, row.first_contact_recorded_by),
      closed: step(row.closed_at, row.closed_by),
      identityDestroyed: step(row.identity_destroyed_at, null),
    },
  };
}
