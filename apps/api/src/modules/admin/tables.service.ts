/**
 * Situation tables: settings, member agencies, deactivation, and the confidentiality agreement.
 * Publishing a new agreement version needs nothing more: acceptance is recorded per version, so
 * every member must accept the new one before the table's situation data is served to them again.
 * Changes that alter what members may do (deactivation, the second-factor requirement) move their
 * session epochs on, so that their clients pick the change up at the next request.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  MIN_RISK_FACTORS_RANGE,
  DEFAULT_TIME_ZONE,
  FIRST_CONTACT_HOURS_RANGE,
  type AdminAgreement,
  type AdminTable,
  type AgreementPublish,
  type TableAgencyAdd,
  type TableCreate,
  type TableUpdate,
} from '@fourfold/shared/admin';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../lib/errors';
import {
  auditAdmin,
  auditTarget,
  isUniqueViolation,
  taken,
  unprocessable,
  type AdminContext,
} from './admin-context';
import { refreshScopeIn } from '../statistics/facts.service';
import { lockAgency } from './agencies.repository';
import * as repo from './tables.repository';
import { bumpSessionEpochs } from './users.repository';
import { iso } from '../../lib/iso';

const NAME_TAKEN =
  'Another table already has this name (names are compared without regard to case).';
const PREFIX_TAKEN = 'Another table already uses this reference prefix.';

export function toAdminTable(row: repo.TableRow): AdminTable {
  return {
    id: row.id,
    name: row.name,
    referencePrefix: row.reference_prefix,
    municipality: row.municipality,
    meetingWeekday: row.meeting_weekday,
    meetingTime: row.meeting_time,
    requiresSecondFactor: row.requires_second_factor,
    minRiskFactors: row.min_risk_factors,
    timeZone: row.time_zone,
    firstContactHours: row.first_contact_hours,
    active: row.active,
    agencies: row.agencies,
    memberCount: Number(row.member_count ?? 0),
    agreementVersion: row.agreement_version === null ? null : Number(row.agreement_version),
  };
}

async function refuseTaken(
  trx: Transaction<DB>,
  values: { name?: string | undefined; referencePrefix?: string | undefined },
  exceptId?: string,
) {
  const clash = await repo.takenFields(trx, values, exceptId);
  if (clash.name) throw taken('name', NAME_TAKEN);
  if (clash.referencePrefix) throw taken('referencePrefix', PREFIX_TAKEN);
}

/** A unique-index race that slipped past the check, answered as the conflict it is. */
function asConflict(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw error.constraint?.includes('prefix')
      ? taken('referencePrefix', PREFIX_TAKEN)
      : taken('name', NAME_TAKEN);
  }
  throw error;
}

export function createTablesService(db: Kysely<DB>) {
  async function get(tableId: string): Promise<AdminTable> {
    const row = await repo.findTable(db, tableId);
    if (!row) throw notFound();
    return toAdminTable(row);
  }

  async function lockExisting(trx: Transaction<DB>, tableId: string) {
    const table = await repo.lockTable(trx, tableId);
    if (!table) throw notFound();
    return table;
  }

  async function listAgreements(tableId: string): Promise<AdminAgreement[]> {
    await get(tableId);
    const rows = await repo.listAgreements(db, tableId);
    return rows.map((row) => ({
      version: row.version,
      bodyEn: row.body_en,
      bodyFr: row.body_fr,
      publishedAt: iso(row.created_at),
      acceptedCount: Number(row.accepted_count ?? 0),
    }));
  }

  async function setActive(ctx: AdminContext, tableId: string, active: boolean) {
    await db.transaction().execute(async (trx) => {
      await lockExisting(trx, tableId);
      await repo.updateTable(trx, tableId, { active });
      await bumpSessionEpochs(trx, await repo.memberUserIds(trx, tableId));
      await auditAdmin(trx, ctx, active ? 'table.reactivate' : 'table.deactivate', { tableId });
    });
    return get(tableId);
  }

  return {
    async list(): Promise<AdminTable[]> {
      return (await repo.listTables(db)).map(toAdminTable);
    },

    get,

    async create(ctx: AdminContext, input: TableCreate): Promise<AdminTable> {
      const tableId = await db
        .transaction()
        .execute(async (trx) => {
          await refuseTaken(trx, input);
          const id = await repo.insertTable(trx, {
            name: input.name,
            reference_prefix: input.referencePrefix,
            municipality: input.municipality,
            meeting_weekday: input.meetingWeekday ?? null,
            meeting_time: input.meetingTime ?? null,
            requires_second_factor: input.requiresSecondFactor ?? false,
            min_risk_factors: input.minRiskFactors ?? MIN_RISK_FACTORS_RANGE.default,
            time_zone: input.timeZone ?? DEFAULT_TIME_ZONE,
            first_contact_hours: input.firstContactHours ?? FIRST_CONTACT_HOURS_RANGE.default,
          });
          await auditAdmin(trx, ctx, 'table.create', { tableId: id });
          return id;
        })
        .catch(asConflict);
      return get(tableId);
    },

    async update(ctx: AdminContext, tableId: string, input: TableUpdate): Promise<AdminTable> {
      await db
        .transaction()
        .execute(async (trx) => {
          await lockExisting(trx, tableId);
          const before = await repo.findTable(trx, tableId);
          if (!before) throw notFound();
          await refuseTaken(trx, input, tableId);
          await repo.updateTable(trx, tableId, {
            name: input.name,
            reference_prefix: input.referencePrefix,
            municipality: input.municipality,
            meeting_weekday: input.meetingWeekday,
            meeting_time: input.meetingTime,
            requires_second_factor: input.requiresSecondFactor,
            min_risk_factors: input.minRiskFactors,
            time_zone: input.timeZone,
            first_contact_hours: input.firstContactHours,
          });
          // The month of a discussion is on the table's clock, and first contacts are timed
          // against its hours: the statistics follow a change of either.
          if (
            (input.timeZone !== undefined && input.timeZone !== before.time_zone) ||
            (input.firstContactHours !== undefined &&
              input.firstContactHours !== before.first_contact_hours)
          ) {
            await refreshScopeIn(trx, { tableId });
          }
          if (
            input.requiresSecondFactor !== undefined &&
            input.requiresSecondFactor !== before.requires_second_factor
          ) {
            await bumpSessionEpochs(trx, await repo.memberUserIds(trx, tableId));
          }
          await auditAdmin(trx, ctx, 'table.update', { tableId });
        })
        .catch(asConflict);
      return get(tableId);
    },

    deactivate: (ctx: AdminContext, tableId: string) => setActive(ctx, tableId, false),
    reactivate: (ctx: AdminContext, tableId: string) => setActive(ctx, tableId, true),

    async addAgency(ctx: AdminContext, tableId: string, input: TableAgencyAdd) {
      await db.transaction().execute(async (trx) => {
        await lockExisting(trx, tableId);
        const agency = await lockAgency(trx, input.agencyId);
        if (!agency) throw unprocessable('agencyId', 'No agency has this id.');
        if (!agency.active) throw unprocessable('agencyId', 'The agency is deactivated.');
        if (await repo.isMemberAgency(trx, tableId, input.agencyId)) {
          throw taken('agencyId', 'The agency is already a member of this table.');
        }
        await repo.insertTableAgency(trx, tableId, input.agencyId);
        await auditAdmin(trx, ctx, 'table.agency.add', {
          tableId,
          target: auditTarget.agency(input.agencyId),
        });
      });
      return get(tableId);
    },

    /**
     * Refused while people sit at the table for the agency: removing it would leave coordinators
     * or representatives for an agency that is no longer there.
     */
    async removeAgency(ctx: AdminContext, tableId: string, agencyId: string) {
      await db.transaction().execute(async (trx) => {
        await lockExisting(trx, tableId);
        if (!(await repo.isMemberAgency(trx, tableId, agencyId))) throw notFound();
        const seats = await repo.countAgencySeats(trx, tableId, agencyId);
        if (seats > 0) {
          throw new AppError(
            'CONFLICT',
            `${seats} member(s) sit at this table for the agency as coordinator or agency ` +
              'representative; change their role or remove them first.',
          );
        }
        await repo.deleteTableAgency(trx, tableId, agencyId);
        await auditAdmin(trx, ctx, 'table.agency.remove', {
          tableId,
          target: auditTarget.agency(agencyId),
        });
      });
      return get(tableId);
    },

    listAgreements,

    async publishAgreement(
      ctx: AdminContext,
      tableId: string,
      input: AgreementPublish,
    ): Promise<AdminAgreement> {
      const version = await db.transaction().execute(async (trx) => {
        // The table's lock serialises publications, so two cannot take the same version.
        await lockExisting(trx, tableId);
        const next = (await repo.latestAgreementVersion(trx, tableId)) + 1;
        await repo.insertAgreement(trx, {
          tableId,
          version: next,
          bodyEn: input.bodyEn,
          bodyFr: input.bodyFr,
          createdBy: ctx.actor.userId,
        });
        await auditAdmin(trx, ctx, 'table.agreement.publish', { tableId });
        return next;
      });
      const published = (await listAgreements(tableId)).find((a) => a.version === version);
      if (!published) throw notFound();
      return published;
    },
  };
}

export type TablesService = ReturnType<typeof createTablesService>;
