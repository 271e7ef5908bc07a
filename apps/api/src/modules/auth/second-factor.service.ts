/**
 * Two-step verification for one's own account: set up (a pending secret, after the password),
 * confirm with a first code (enables it, issues recovery codes and a fresh session that counts as
 * having passed the second factor), turn off, and replace the recovery codes. Enabling and turning
 * off bump the session epoch and revoke every refresh token, so that other browsers must sign in
 * again under the new rules.
 */
import type { AuditAction } from '@fourfold/shared/audit';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '@fourfold/shared/access-policy';
import type {
  SecondFactorConfirmRequest,
  SecondFactorProof,
  SecondFactorSetupRequest,
} from '@fourfold/shared/credentials';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import * as authRepo from './auth.repository';
import type { AuthService, IssuedSession, RequestContext } from './auth.service';
import * as repo from './credentials.repository';
import type { Reauthentication } from './reauthentication';
import { newRecoveryCodes, newTotpSecret, totpCodeValid, totpUri } from './totp';
import type { TotpSecrets } from './totp-secrets';

export type SecondFactorServiceDeps = {
  db: Kysely<DB>;
  authService: AuthService;
  totpSecrets: TotpSecrets;
  reauthentication: Reauthentication;
};

const alreadyOn = () =>
  new AppError('CONFLICT', 'Two-step verification is already on. Turn it off to set it up again.');
const notOn = () => new AppError('CONFLICT', 'Two-step verification is not on.');

export function createSecondFactorService({
  db,
  authService,
  reauthentication,
  totpSecrets,
}: SecondFactorServiceDeps) {
  async function credentialsOf(actor: Actor) {
    const person = await repo.findCredentialsOf(db, actor.userId);
    if (!person || !person.active) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    return person;
  }

  const audit = (
    trx: Transaction<DB>,
    actor: Actor,
    action: AuditAction,
    ctx: RequestContext,
    outcome: 'allowed' | 'denied' = 'allowed',
  ) =>
    recordAudit(trx, {
      action,
      dataCategory: 'authentication',
      outcome,
      userId: actor.userId,
      agencyId: actor.agencyId,
      requestId: ctx.requestId,
    });

  /** Invalidates every session of the person: access tokens by epoch, refresh tokens by revoking. */
  async function endOtherSessions(trx: Transaction<DB>, userId: string) {
    await repo.bumpSessionEpoch(trx, userId);
    await authRepo.revokeAllRefreshTokensOf(trx, userId);
  }

  return {
    async setup(actor: Actor, input: SecondFactorSetupRequest, ctx: RequestContext) {
      const person = await credentialsOf(actor);
      if (person.totp_enabled_at) throw alreadyOn();
      await reauthentication.confirm(
        person,
        { password: input.password },
        { action: 'auth.second_factor.setup', requireCode: false },
        ctx,
      );
      // A new secret every time: one shown earlier (perhaps on a screen someone saw) is replaced.
      const secret = newTotpSecret();
      await db.transaction().execute(async (trx) => {
        await repo.setPendingTotpSecret(trx, actor.userId, totpSecrets.seal(actor.userId, secret));
        await audit(trx, actor, 'auth.second_factor.setup', ctx);
      });
      return { otpauthUri: totpUri(secret, person.email), secret };
    },

    async confirm(
      actor: Actor,
      input: SecondFactorConfirmRequest,
      ctx: RequestContext,
    ): Promise<{ session: IssuedSession; recoveryCodes: string[] }> {
      const person = await credentialsOf(actor);
      if (person.totp_enabled_at) throw alreadyOn();
      const secret = totpSecrets.open(actor.userId, person);
      if (!secret)
        throw new AppError('CONFLICT', 'Start the set-up of two-step verification first.');
      if (!totpCodeValid(secret, input.code)) {
        await db
          .transaction()
          .execute((trx) => audit(trx, actor, 'auth.second_factor.enable', ctx, 'denied'));
        throw new AppError(
          'INVALID_CREDENTIALS',
          'The code was not accepted. Check that the time on your device is correct.',
        );
      }
      const recovery = newRecoveryCodes();
      const session = await authService.startSession(actor.userId, true, async (trx) => {
        const locked = await repo.lockCredentialsOf(trx, actor.userId);
        // Set up again, or confirmed by a racing request, since the code was checked.
        if (!locked || locked.totp_enabled_at || locked.totp_secret !== person.totp_secret) {
          throw alreadyOn();
        }
        await repo.enableTotp(trx, actor.userId);
        await repo.replaceRecoveryCodes(trx, actor.userId, recovery.hashes);
        await endOtherSessions(trx, actor.userId);
        await audit(trx, actor, 'auth.second_factor.enable', ctx);
      });
      return { session, recoveryCodes: recovery.codes };
    },

    /** Turns two-step verification off; this browser gets a fresh session without it. */
    async disable(actor: Actor, input: SecondFactorProof, ctx: RequestContext) {
      const person = await credentialsOf(actor);
      if (!person.totp_enabled_at) throw notOn();
      await reauthentication.confirm(
        person,
        input,
        { action: 'auth.second_factor.disable', requireCode: true },
        ctx,
      );
      return authService.startSession(actor.userId, false, async (trx) => {
        await repo.lockCredentialsOf(trx, actor.userId);
        await repo.disableTotp(trx, actor.userId);
        await repo.deleteRecoveryCodes(trx, actor.userId);
        await endOtherSessions(trx, actor.userId);
        await audit(trx, actor, 'auth.second_factor.disable', ctx);
      });
    },

    /** New recovery codes; every earlier one, used or not, stops working. */
    async regenerateRecoveryCodes(actor: Actor, input: SecondFactorProof, ctx: RequestContext) {
      const person = await credentialsOf(actor);
      if (!person.totp_enabled_at) throw notOn();
      await reauthentication.confirm(
        person,
        input,
        { action: 'auth.recovery_codes.regenerate', requireCode: true },
        ctx,
      );
      const recovery = newRecoveryCodes();
      await db.transaction().execute(async (trx) => {
        await repo.lockCredentialsOf(trx, actor.userId);
        await repo.replaceRecoveryCodes(trx, actor.userId, recovery.hashes);
        await audit(trx, actor, 'auth.recovery_codes.regenerate', ctx);
      });
      return { recoveryCodes: recovery.codes };
    },
  };
}

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;
