/**
 * A situation's identity (names, dates of birth, address): entered by the originating agency,
 * sealed with the identity vault before it reaches the database, and shown only where the access
 * policy allows — every showing recorded in the audit log in the same transaction that reads it.
 */
import type { Actor } from '@fourfold/shared/access-policy';
import { findPersonalData, namePartsOf } from '@fourfold/shared/personal-data';
import type { Identity, IdentityView, Situation } from '@fourfold/shared/situations';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { AppSecrets } from '../../lib/app-secrets';
import type { Config } from '../../config';
import { createIdentityVault, sealContext, type IdentityVault } from '../../lib/identity-vault';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import * as identityRepo from './identity.repository';
import { createRepeats, type Repeats } from './repeats.service';
import { checkRead, checkWrite, loadSituation } from './situation-access';
import {
  auditEventOf,
  commitWrite,
  requireDeidentifiedSummary,
  type WriteContext,
} from './situation-writes';
import { iso } from '../../lib/iso';

export type IdentityServiceDeps = { db: Kysely<DB>; vault: IdentityVault; repeats: Repeats };

/**
 * The identity service of a process, with its key ring and repeat detection, built the same way
 * for every module that needs it (situations, and the action items' personal-data check).
 */
export function identityServiceFor(
  db: Kysely<DB>,
  secrets: Pick<AppSecrets, 'identityKeys' | 'repeatKey'>,
  config: Pick<Config, 'repeatWindowMonths'>,
) {
  const vault = createIdentityVault(secrets.identityKeys);
  const repeats = createRepeats({
    db,
    repeatKey: secrets.repeatKey,
    windowMonths: config.repeatWindowMonths,
  });
  return { vault, identity: createIdentityService({ db, vault, repeats }) };
}

export function createIdentityService({ db, vault, repeats }: IdentityServiceDeps) {
  return {
    /**
     * The name parts of the situation's stored identity, for the personal-data check of its
     * summary. Opened inside the service only; nothing of it is returned to anyone. Takes the
     * stored row, whose id is the one the value is sealed against; `executor` is the caller's
     * transaction when it holds one (a second connection could wait on its locks).
     */
    async storedNameParts(
      situation: { id: string; identity_held?: boolean | 0 | 1 },
      executor: Kysely<DB> = db,
    ): Promise<string[]> {
      // A situation read with its row knows whether an identity is held: none, no query.
      if (situation.identity_held !== undefined && !situation.identity_held) return [];
      const sealed = await identityRepo.findSealedIdentity(executor, situation.id);
      if (!sealed) return [];
      const identity = vault.openJson<Identity>(
        { keyId: sealed.key_id, sealed: sealed.sealed },
        sealContext.identity(situation.id),
      );
      return namePartsOf(identity.people);
    },

    /** Enters or replaces the identity (the originating agency, until closure). */
    async update(
      actor: Actor,
      situationId: string,
      identity: Identity,
      ctx: WriteContext,
    ): Promise<Situation> {
      const loaded = await loadSituation(db, situationId);
      checkWrite(actor, loaded, 'situation.editIdentity', 'editIdentity', ctx.ifMatch);
      // Sealed against the stored row's id, never the string from the URL.
      const { id } = loaded.row;
      // While a draft, the names entered now must not appear in the summary (which can still be
      // corrected). Once presented the summary is fixed: refusing the identity then would only
      // stop the agency from keeping it current (a family name "Brown" in "brown hair").
      if (loaded.row.stage === 'draft') {
        requireDeidentifiedSummary(loaded.row.summary, namePartsOf(identity.people));
      }
      const sealed = vault.sealJson(identity, sealContext.identity(id));
      return commitWrite(
        db,
        actor,
        loaded,
        ctx,
        { action: 'situation.identity.update', dataCategory: 'identity' },
        {},
        null,
        () => [
          identityRepo.saveSealedIdentity({
            keyId: sealed.keyId,
            sealed: sealed.sealed,
            userId: actor.userId,
          }),
        ],
        // Repeats are found with the identity they come from, or not at all.
        repeats.toRecord(identity),
      );
    },

    /**
     * Shows the identity to a caller the policy allows, recording the call (with the caller's
     * stated purpose) in the same transaction that reads it: no audit event, no identity. A call
     * that finds no identity held is recorded too, then answered 404.
     */
    async view(
      actor: Actor,
      situationId: string,
      purpose: string | undefined,
      ctx: { requestId: string },
    ): Promise<IdentityView> {
      const loaded = await loadSituation(db, situationId);
      checkRead(actor, loaded, 'situation.viewIdentity');
      const { id } = loaded.row;
      const shown = await db.transaction().execute(async (trx) => {
        const sealed = await identityRepo.findSealedIdentity(trx, id);
        const identity = sealed
          ? vault.openJson<Identity>(
              { keyId: sealed.key_id, sealed: sealed.sealed },
              sealContext.identity(id),
            )
          : null;
        // The purpose goes into the audit log, which holds no personal values.
        if (purpose && findPersonalData(purpose, namePartsOf(identity?.people ?? [])).length > 0) {
          throw new AppError('VALIDATION_FAILED', 'The purpose must not contain personal data.', {
            status: 422,
            invalidParams: [
              { in: 'headers', path: 'access-purpose', message: 'must not contain personal data' },
            ],
          });
        }
        await recordAudit(
          trx,
          auditEventOf(
            actor,
            loaded.row.table_id,
            id,
            ctx.requestId,
            { action: 'situation.identity.view', dataCategory: 'identity' },
            purpose && purpose.length > 0 ? purpose : null,
          ),
        );
        return sealed && identity ? { identity, updatedAt: sealed.updated_at } : null;
      });
      if (!shown) {
        throw new AppError(
          'NOT_FOUND',
          'No identity is held for this situation: it was never entered, or it has been destroyed.',
        );
      }
      const { identity } = shown;
      const possibleRepeats = await repeats.possibleRepeatsFor(actor, id);
      return {
        possibleRepeats,
        people: identity.people,
        ...(identity.address !== undefined ? { address: identity.address } : {}),
        ...(identity.notes !== undefined ? { notes: identity.notes } : {}),
        updatedAt: iso(shown.updatedAt),
      };
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
