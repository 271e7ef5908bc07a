/**
 * Agencies: list, create, rename or change sector, deactivate and reactivate. A deactivated agency
 * keeps its history and its users, but cannot join tables or receive new users or memberships.
 */
import type { Kysely } from 'kysely';
import type { AdminAgency, AgencyCreate, AgencyUpdate } from '@fourfold/shared/admin';
import type { DB } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { refreshScopeIn } from '../statistics/facts.service';
import { requireActiveCode } from '../taxonomy/taxonomy.service';
import {
  auditAdmin,
  auditTarget,
  isUniqueViolation,
  taken,
  type AdminContext,
} from './admin-context';
import * as repo from './agencies.repository';

const NAME_TAKEN =
  'Another agency already has this name (names are compared without regard to case).';

export function toAdminAgency(row: repo.AgencyRow): AdminAgency {
  return {
    id: row.id,
    name: row.name,
    sector: row.sector,
    active: row.active,
    tables: row.tables,
    activeUserCount: Number(row.active_user_count ?? 0),
  };
}

export function createAgenciesService(db: Kysely<DB>) {
  async function get(agencyId: string): Promise<AdminAgency> {
    const row = await repo.findAgency(db, agencyId);
    if (!row) throw notFound();
    return toAdminAgency(row);
  }

  /** Runs a write, answering a unique-name race that slipped past the check as a conflict. */
  async function writing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw taken('name', NAME_TAKEN);
      throw error;
    }
  }

  async function setActive(ctx: AdminContext, agencyId: string, active: boolean) {
    await db.transaction().execute(async (trx) => {
      if (!(await repo.lockAgency(trx, agencyId))) throw notFound();
      await repo.updateAgency(trx, agencyId, { active });
      await auditAdmin(trx, ctx, active ? 'agency.reactivate' : 'agency.deactivate', {
        target: auditTarget.agency(agencyId),
      });
    });
    return get(agencyId);
  }

  return {
    async list(): Promise<AdminAgency[]> {
      return (await repo.listAgencies(db)).map(toAdminAgency);
    },

    get,

    async create(ctx: AdminContext, input: AgencyCreate): Promise<AdminAgency> {
      const agencyId = await writing(() =>
        db.transaction().execute(async (trx) => {
          await requireActiveCode(trx, 'sector', input.sector, { in: 'body', path: 'sector' });
          if (await repo.nameTaken(trx, input.name)) throw taken('name', NAME_TAKEN);
          const id = await repo.insertAgency(trx, { name: input.name, sector: input.sector });
          await auditAdmin(trx, ctx, 'agency.create', { target: auditTarget.agency(id) });
          return id;
        }),
      );
      return get(agencyId);
    },

    async update(ctx: AdminContext, agencyId: string, input: AgencyUpdate): Promise<AdminAgency> {
      await writing(() =>
        db.transaction().execute(async (trx) => {
          if (!(await repo.lockAgency(trx, agencyId))) throw notFound();
          if (input.sector !== undefined) {
            await requireActiveCode(trx, 'sector', input.sector, { in: 'body', path: 'sector' });
          }
          if (input.name !== undefined && (await repo.nameTaken(trx, input.name, agencyId))) {
            throw taken('name', NAME_TAKEN);
          }
          await repo.updateAgency(trx, agencyId, { name: input.name, sector: input.sector });
          // Statistics count situations by the sectors of their agencies: they follow the change.
          if (input.sector !== undefined) await refreshScopeIn(trx, { agencyId });
          await auditAdmin(trx, ctx, 'agency.update', { target: auditTarget.agency(agencyId) });
        }),
      );
      return get(agencyId);
    },

    deactivate: (ctx: AdminContext, agencyId: string) => setActive(ctx, agencyId, false),
    reactivate: (ctx: AdminContext, agencyId: string) => setActive(ctx, agencyId, true),
  };
}

export type AgenciesService = ReturnType<typeof createAgenciesService>;
