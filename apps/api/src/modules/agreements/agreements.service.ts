/**
 * A member reads their table's confidentiality agreement and accepts its current version. Until
 * they have, the access policy serves none of the table's situation data. Reading the agreement
 * needs only table.view (every role of the table has it), and a table that requires two-step
 * verification refuses even its agreement to a session without it.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '@fourfold/shared/access-policy';
import type { TableAgreement } from '@fourfold/shared/agreements';
import type { DB } from '../../db/schema';
import { authorize, roleOn } from '../../lib/access';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { findActiveTable } from '../tables/tables.service';
import * as repo from './agreements.repository';

export type RequestContext = { requestId: string };

export function createAgreementsService({ db }: { db: Kysely<DB> }) {
  /** The table, if the person may see it at all, and its current agreement. */
  async function load(actor: Actor, tableId: string) {
    const table = await findActiveTable(db, tableId);
    if (!table) throw notFound();
    authorize(actor, 'table.view', {
      kind: 'table',
      tableId,
      requiresSecondFactor: table.requires_second_factor,
    });
    const agreement = await repo.findCurrentAgreement(db, tableId);
    if (!agreement) {
      throw notFound('This table has not published a confidentiality agreement yet.');
    }
    return { table, agreement };
  }

  async function view(actor: Actor, tableId: string): Promise<TableAgreement> {
    const { table, agreement } = await load(actor, tableId);
    const acceptance = await repo.findAcceptance(db, actor.userId, agreement.id);
    return {
      table: { id: table.id, name: table.name },
      agreement: {
        id: agreement.id,
        version: agreement.version,
        bodyEn: agreement.body_en,
        bodyFr: agreement.body_fr,
        publishedAt: new Date(agreement.created_at).toISOString(),
      },
      accepted: acceptance !== undefined,
      acceptedAt: acceptance ? new Date(acceptance.accepted_at).toISOString() : null,
    };
  }

  return {
    view,

    /**
     * Accepts the version the person read. A newer version published since is refused (409): the
     * person must read the text they are agreeing to. Accepting twice changes nothing.
     */
    async accept(
      actor: Actor,
      tableId: string,
      version: number,
      ctx: RequestContext,
    ): Promise<TableAgreement> {
      const { agreement } = await load(actor, tableId);
      if (version !== agreement.version) {
        throw new AppError(
          'CONFLICT',
          `Version ${agreement.version} is the current agreement. Read it, then accept it.`,
        );
      }
      await db.transaction().execute(async (trx) => {
        if (!(await repo.insertAcceptance(trx, actor.userId, agreement.id))) return;
        await recordAudit(trx, {
          action: 'agreement.accept',
          dataCategory: 'administration',
          outcome: 'allowed',
          userId: actor.userId,
          agencyId: actor.agencyId,
          role: roleOn(actor, tableId),
          tableId,
          requestId: ctx.requestId,
        });
      });
      return view(actor, tableId);
    },
  };
}

export type AgreementsService = ReturnType<typeof createAgreementsService>;
