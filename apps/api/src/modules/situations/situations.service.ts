/**
 * The Four Filter workflow of a situation: a draft of the originating agency (filter 1) is
 * presented de-identified to the table (filter 2), which rejects it or agrees it is acutely
 * elevated risk (filter 3, identity to the agencies present), names a lead and assisting agencies
 * (filter 4: identity and notes among them and the originating agency), records the first
 * contact and concludes it. Stage rules come from the state machine, who-may rules from the
 * access policy (both in @fourfold/shared); every write checks the caller's version, and commits
 * with its audit event in one transaction.
 */
import { randomUUID } from 'node:crypto';
import {
  can,
  decide,
  type Actor,
  type SituationSubject,
  type TableSubject,
} from '@fourfold/shared/access-policy';
import type { InvalidParam } from '@fourfold/shared/problem';
import {
  filter1NotYetYes,
  type Filter1,
  type Situation,
  type situationDraftSchema,
  type situationListQuerySchema,
  type SituationListItem,
  type SituationStageCounts,
  type situationStageCountsQuerySchema,
  type TableDetail,
} from '@fourfold/shared/situations';
import { stages, type Stage } from '@fourfold/shared/situation-workflow';
import type { CodeListName } from '@fourfold/shared/taxonomy';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { AccessDeniedError, authorize, memberTableSubject } from '../../lib/access';
import type { PersonAlong } from '../../lib/person-along';
import { notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { findActiveTable, isMemberAgency, memberAgencies } from '../tables/tables.service';
import { activeCodeKey, activeCodeKeys, inactiveCodeMessage } from '../taxonomy/taxonomy.service';
import type { IdentityService } from './identity.service';
import { checkRead, checkWrite, loadSituation } from './situation-access';
import { decodeListCursor, encodeListCursor, filterFingerprint } from './situation-list-cursor';
import { toSituationListItem } from '../../db/situation-list-item';
import { readSituationView, situationViewOf } from './situation-view';
import {
  auditEventOf,
  commitWrite,
  nameConfirmationOf,
  requireDeidentifiedSummary,
  requireNamesConfirmed,
  validationFailed,
  type WriteContext,
} from './situation-writes';
import { createSituationSteps } from './situation-steps';
import * as repo from './situations.repository';

export type SituationDraftInput = z.output<typeof situationDraftSchema>;
export type SituationListQuery = z.output<typeof situationListQuerySchema>;
type SituationStageCountsQuery = z.output<typeof situationStageCountsQuerySchema>;

export type SituationsServiceDeps = {
  db: Kysely<DB>;
  identity: IdentityService;
  /** Days identity is kept after closure; 0 destroys it in the closing transaction. */
  identityRetentionDays: number;
};

/** References count per calendar year in Ontario, whatever the server's time zone. */
const referenceYear = () =>
  Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric' }).format(
      new Date(),
    ),
  );

export function createSituationsService({
  db,
  identity,
  identityRetentionDays,
}: SituationsServiceDeps) {
  /** The table if it exists and is active, as the access policy's subject. */
  async function loadTable(tableId: string) {
    const table = await findActiveTable(db, tableId);
    if (!table) throw notFound();
    const subject: TableSubject = {
      kind: 'table',
      tableId,
      requiresSecondFactor: table.requires_second_factor,
    };
    return { table, subject };
  }

  /**
   * The table, if the caller may list its situations; otherwise the refusal. Returns the policy's
   * probe: a submitted situation the caller's agency has nothing to do with, whose answer says
   * whether they may see any situation of the table (role, second factor, agreement).
   */
  async function requireListable(actor: Actor, tableId: string): Promise<SituationSubject> {
    // A member's table gates came with the person (one statement for both): no query here.
    const subject = memberTableSubject(actor, tableId) ?? (await loadTable(tableId)).subject;
    authorize(actor, 'table.view', subject);
    const probe: SituationSubject = {
      kind: 'situation',
      tableId,
      requiresSecondFactor: subject.requiresSecondFactor,
      stage: 'filter2',
      originatingAgencyId: '',
      agenciesPresent: [],
      leadAgencyId: null,
      assistingAgencyIds: [],
    };
    const gate = decide(actor, 'situation.viewDeidentified', probe);
    if (!gate.allowed) {
      // A member who may see the table but not its situations is told so, not shown a 404.
      throw new AccessDeniedError(
        'situation.viewDeidentified',
        gate.reason === 'hidden' ? 'not_permitted' : gate.reason,
        { tableId },
      );
    }
    return probe;
  }

  /** Every code of the draft must be an active code of its list; all failures at once. */
  async function validateDraftCodes(body: SituationDraftInput) {
    const fields: Array<[CodeListName, string, string | readonly string[]]> = [
      ['situation_type', 'situationType', body.situationType],
      ['age_band', 'ageBand', body.ageBand],
      ['gender', 'gender', body.gender],
      ['risk_factor', 'riskFactors', body.riskFactors],
      ['protective_factor', 'protectiveFactors', body.protectiveFactors],
      ['study_flag', 'studyFlags', body.studyFlags],
    ];
    const named = fields.flatMap(([list, path, value]) =>
      typeof value === 'string'
        ? [{ list, path, code: value }]
        : value.map((code, index) => ({ list, path: `${path}.${index}`, code })),
    );
    // Every code of every list in one statement.
    const active = await activeCodeKeys(db, named);
    const invalid: InvalidParam[] = named
      .filter((entry) => !active.has(activeCodeKey(entry)))
      .map(({ list, path }) => ({ in: 'body', path, message: inactiveCodeMessage(list) }));
    if (invalid.length > 0) throw validationFailed(invalid);
  }

  const draftColumns = (body: SituationDraftInput) => ({
    situation_type: body.situationType,
    age_band: body.ageBand,
    gender: body.gender,
    summary: body.summary,
    filter1_agency_exhausted_options: body.filter1.agencyExhaustedOptions,
    filter1_significant_interest: body.filter1.significantInterest,
    filter1_probability_of_harm: body.filter1.probabilityOfHarm,
    filter1_severity_of_harm: body.filter1.severityOfHarm,
    filter1_multiple_agencies_needed: body.filter1.multipleAgenciesNeeded,
  });

  const draftCodes = (body: SituationDraftInput) => [
    ...body.riskFactors.map((code) => ({ list: 'risk_factor' as const, code })),
    ...body.protectiveFactors.map((code) => ({ list: 'protective_factor' as const, code })),
    ...body.studyFlags.map((code) => ({ list: 'study_flag' as const, code })),
  ];

  const steps = createSituationSteps({ db, identityRetentionDays });

  return {
    // Decision, involvement, assignment, first contact and closure, each also in a form that runs
    // in the caller's transaction (situation-steps.ts).
    ...steps,

    async tableDetail(actor: Actor, tableId: string): Promise<TableDetail> {
      const { table, subject } = await loadTable(tableId);
      authorize(actor, 'table.view', subject);
      return {
        id: table.id,
        name: table.name,
        municipality: table.municipality,
        minRiskFactors: table.min_risk_factors,
        requiresSecondFactor: table.requires_second_factor,
        identityRetentionDays,
        agencies: await memberAgencies(db, tableId),
      };
    },

    async create(
      actor: Actor,
      tableId: string,
      body: SituationDraftInput,
      ctx: { requestId: string },
    ): Promise<Situation> {
      const { table, subject } = await loadTable(tableId);
      authorize(actor, 'situation.create', subject);
      // The originating agency is the caller's, and it must sit at this table.
      const agencyId = actor.agencyId;
      if (agencyId === null || !(await isMemberAgency(db, tableId, agencyId))) {
        throw new AccessDeniedError('situation.create', 'not_permitted', { tableId });
      }
      await validateDraftCodes(body);
      requireDeidentifiedSummary(body.summary, []);
      const confirmation = nameConfirmationOf(body.summary, body.namesConfirmed);

      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        const year = referenceYear();
        const number = await repo.allocateReferenceNumber(trx, tableId, year);
        await repo.insertSituation(trx, {
          id,
          table_id: tableId,
          reference: `${table.reference_prefix}-${year}-${String(number).padStart(4, '0')}`,
          ...draftColumns(body),
          ...confirmation.columns,
          originating_agency_id: agencyId,
          created_by: actor.userId,
        });
        await repo.insertCodes(trx, id, draftCodes(body));
        for (const audited of [
          { action: 'situation.create', dataCategory: 'de_identified' } as const,
          ...confirmation.audited,
        ]) {
          await recordAudit(trx, auditEventOf(actor, tableId, id, ctx.requestId, audited));
        }
      });
      return readSituationView(db, id);
    },

    async editDraft(
      actor: Actor,
      id: string,
      body: SituationDraftInput,
      ctx: WriteContext,
    ): Promise<Situation> {
      const loaded = await loadSituation(db, id);
      checkWrite(actor, loaded, 'situation.editDraft', 'editDraft', ctx.ifMatch);
      await validateDraftCodes(body);
      requireDeidentifiedSummary(body.summary, await identity.storedNameParts(loaded.row));
      // A confirmation holds for the text confirmed: an edited summary needs a new one.
      const confirmation = nameConfirmationOf(body.summary, body.namesConfirmed);
      return commitWrite(
        db,
        actor,
        loaded,
        ctx,
        [{ action: 'situation.update', dataCategory: 'de_identified' }, ...confirmation.audited],
        { ...draftColumns(body), ...confirmation.columns },
        null,
        (trx) => repo.replaceCodes(trx, draftCodes(body)),
      );
    },

    /** Presents the draft to the table (filter 2), once filter 1 is complete. */
    async submit(actor: Actor, id: string, ctx: WriteContext): Promise<Situation> {
      const loaded = await loadSituation(db, id);
      checkWrite(actor, loaded, 'situation.present', 'submit', ctx.ifMatch);
      const { row } = loaded;
      const answers: Filter1 = {
        agencyExhaustedOptions: row.filter1_agency_exhausted_options,
        significantInterest: row.filter1_significant_interest,
        probabilityOfHarm: row.filter1_probability_of_harm,
        severityOfHarm: row.filter1_severity_of_harm,
        multipleAgenciesNeeded: row.filter1_multiple_agencies_needed,
      };
      const invalid: InvalidParam[] = filter1NotYetYes(answers).map((question) => ({
        in: 'body',
        path: `filter1.${question}`,
        message: 'Every filter-1 criterion must hold before the situation is presented.',
      }));
      const riskFactors = row.codes.filter((c) => c.list === 'risk_factor');
      if (riskFactors.length < row.table_min_risk_factors) {
        invalid.push({
          in: 'body',
          path: 'riskFactors',
          message: `This table needs at least ${row.table_min_risk_factors} risk factors.`,
        });
      }
      if (invalid.length > 0) throw validationFailed(invalid, 422);
      requireDeidentifiedSummary(row.summary, await identity.storedNameParts(row));
      requireNamesConfirmed(row.summary, row.names_confirmed_digest);
      return commitWrite(
        db,
        actor,
        loaded,
        ctx,
        { action: 'situation.submit', dataCategory: 'de_identified' },
        { stage: 'filter2', submitted_at: sql<Date>`now()`, submitted_by: actor.userId },
      );
    },

    async get(actor: Actor, id: string): Promise<Situation> {
      const loaded = await loadSituation(db, id);
      checkRead(actor, loaded, 'situation.viewDeidentified');
      return situationViewOf(loaded.row);
    },

    /**
     * The table's situations the caller may see (every one from filter 2 on, and drafts of the
     * caller's own agency only), narrowed by the query's filters and in its order, most recently
     * updated first by default. Keyset pagination; the cursor is opaque and holds only for the
     * filters and sort that produced it.
     */
    async list(
      person: PersonAlong,
      tableId: string,
      query: SituationListQuery,
    ): Promise<{ items: SituationListItem[]; nextCursor: string | null }> {
      const filters = listFilters(query);
      const sort = { key: query.sort, order: query.order } as const;
      const fingerprint = filterFingerprint(filters);
      const decoded =
        query.cursor === undefined ? undefined : decodeListCursor(query.cursor, sort, fingerprint);
      const after = decoded && 'position' in decoded ? decoded.position : undefined;
      // The person and the page in one round trip; nothing read is used before the person is
      // admitted and the policy has allowed the list.
      const read = await repo.listSituationsWithPerson(db, person.query, {
        tableId,
        filters,
        sort,
        after,
        limit: query.limit + 1,
      });
      const actor = person.admit(read.person);
      const probe = await requireListable(actor, tableId);
      // A cursor is checked after access, as before: a hidden table answers 404 whatever it holds.
      if (decoded && 'invalid' in decoded) throw validationFailed([decoded.invalid]);
      const rows = read.page;
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      // The query already filters; the policy has the last word on each row all the same. The
      // visibility of a situation depends only on its table, stage and originating agency.
      const visible = page.filter((row) =>
        can(actor, 'situation.viewDeidentified', {
          ...probe,
          stage: row.stage,
          originatingAgencyId: row.originating_agency_id,
        }),
      );
      return {
        items: visible.map(toSituationListItem),
        nextCursor:
          rows.length > query.limit && last
            ? encodeListCursor(sort, fingerprint, { value: last.position_value, id: last.id })
            : null,
      };
    },

    /**
     * How many situations of the table the caller's list shows, by stage, under the list's other
     * filters: one query.
     */
    async stageCounts(
      actor: Actor,
      tableId: string,
      query: SituationStageCountsQuery = {},
    ): Promise<SituationStageCounts> {
      await requireListable(actor, tableId);
      const rows = await repo.countSituationsByStage(db, {
        tableId,
        draftsOfAgency: actor.agencyId,
        filters: listFilters(query),
      });
      const counts = Object.fromEntries(stages.map((stage) => [stage, 0])) as Record<Stage, number>;
      for (const row of rows) counts[row.stage] = Number(row.n);
      return { counts };
    },
  };
}

export type SituationsService = ReturnType<typeof createSituationsService>;

/** The query's filters as the repository takes them; an empty search is no search. */
function listFilters(
  query: SituationStageCountsQuery & { stage?: Stage | undefined },
): repo.SituationListFilters {
  return {
    stage: query.stage,
    q: query.q === '' ? undefined : query.q,
    originatingAgencyId: query.originatingAgencyId,
    leadAgencyId: query.leadAgencyId,
    overdue: query.overdue === 'true',
    createdFrom: query.createdFrom,
    createdTo: query.createdTo,
  };
}
