/**
 * Changing one's own password: the current one first, then the new one judged (length, and not
 * guessable from dictionaries or the person's own details). Every other session ends — access
 * tokens by the epoch, refresh tokens revoked — and this browser gets a fresh one.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '@fourfold/shared/access-policy';
import type { PasswordChangeRequest } from '@fourfold/shared/credentials';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import * as authRepo from './auth.repository';
import type { AuthService, IssuedSession, RequestContext } from './auth.service';
import * as repo from './credentials.repository';
import { requireAcceptablePassword, weakPassword } from './password-policy';
import { hashPassword, verifyPassword } from '../../lib/password-hashing';
import type { Reauthentication } from './reauthentication';

export type PasswordChangeServiceDeps = {
  db: Kysely<DB>;
  authService: AuthService;
  reauthentication: Reauthentication;
};

export function createPasswordChangeService({
  db,
  authService,
  reauthentication,
}: PasswordChangeServiceDeps) {
  return {
    async change(
      actor: Actor,
      input: PasswordChangeRequest,
      ctx: RequestContext,
    ): Promise<IssuedSession> {
      const person = await repo.findCredentialsOf(db, actor.userId);
      if (!person || !person.active) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
      await reauthentication.confirm(
        person,
        { password: input.currentPassword },
        { action: 'auth.password.change', requireCode: false },
        ctx,
      );
      await requireAcceptablePassword(input.newPassword, {
        email: person.email,
        displayName: person.display_name,
        agencyName: person.agency_name,
      });
      if (person.password_hash && (await verifyPassword(person.password_hash, input.newPassword))) {
        throw weakPassword(['password.unchanged']);
      }
      const passwordHash = await hashPassword(input.newPassword);
      // The session keeps the second factor it had: the password says nothing about it.
      return authService.startSession(actor.userId, actor.secondFactor, async (trx) => {
        await repo.lockCredentialsOf(trx, actor.userId);
        await repo.setPasswordHash(trx, actor.userId, passwordHash);
        await repo.bumpSessionEpoch(trx, actor.userId);
        await authRepo.revokeAllRefreshTokensOf(trx, actor.userId);
        await recordAudit(trx, {
          action: 'auth.password.change',
          dataCategory: 'authentication',
          outcome: 'allowed',
          userId: actor.userId,
          agencyId: actor.agencyId,
          requestId: ctx.requestId,
        });
      });
    },
  };
}

export type PasswordChangeService = ReturnType<typeof createPasswordChangeService>;
