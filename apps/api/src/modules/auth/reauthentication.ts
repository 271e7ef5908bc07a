/**
 * Asking a signed-in person to prove it is them again before a credential changes: their current
 * password, and for some changes a code from their authenticator app or a recovery code. A
 * failure counts under the same rule as sign-in (sign-in-throttle.ts, in login_attempt): against
 * the device the session was started from, which is trusted like its device cookie, or — for a
 * session without one — against the account's untrusted budgets. So a stolen session cannot be
 * used to guess the password, and guessing through it never locks out the person's other devices.
 */
import type { AuditAction } from '@fourfold/shared/audit';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import * as authRepo from './auth.repository';
import { loginDigest, type RequestContext } from './auth.service';
import { dummyPasswordHash, verifyPassword } from '../../lib/password-hashing';
import { assessAttempt, tooManyAttempts } from './sign-in-throttle';
import { recoveryCodeHash, totpCodeValid } from './totp';
import type { StoredTotpSecret, TotpSecrets } from './totp-secrets';

export type ReauthenticatingPerson = {
  id: string;
  email: string;
  agency_id: string | null;
  password_hash: string | null;
  totp_enabled_at: Date | null;
} & StoredTotpSecret;

export type Proof = { password: string; code?: string };

export function createReauthentication({
  db,
  tokenSecret,
  totpSecrets,
}: {
  db: Kysely<DB>;
  tokenSecret: string;
  totpSecrets: TotpSecrets;
}) {
  async function codePasses(person: ReauthenticatingPerson, code: string): Promise<boolean> {
    const trimmed = code.trim();
    if (/^\d{6}$/.test(trimmed)) {
      const secret = totpSecrets.open(person.id, person);
      return secret !== null && totpCodeValid(secret, trimmed);
    }
    const presented = recoveryCodeHash(trimmed);
    const codes = await authRepo.findUnusedRecoveryCodes(db, person.id);
    return codes.some((row) => row.code_hash === presented);
  }

  return {
    /**
     * Throws unless the proof holds: ACCOUNT_LOCKED while attempts must wait, otherwise
     * INVALID_CREDENTIALS (recorded as a failed attempt and a denied `action` in the audit log).
     * `code` is checked only when `requireCode` is set.
     */
    async confirm(
      person: ReauthenticatingPerson,
      proof: Proof,
      options: { action: AuditAction; requireCode: boolean },
      ctx: RequestContext,
    ): Promise<void> {
      const digest = loginDigest(tokenSecret, person.email);
      const sessionDevice = ctx.sessionId
        ? await authRepo.deviceOfSession(db, ctx.sessionId, person.id)
        : null;
      const assessment = await assessAttempt(db, {
        accountDigest: digest,
        clientAddress: ctx.clientAddress,
        deviceId: sessionDevice,
      });
      const deny = () =>
        recordAudit(db, {
          action: options.action,
          dataCategory: 'authentication',
          outcome: 'denied',
          userId: person.id,
          agencyId: person.agency_id,
          requestId: ctx.requestId,
        });
      if (assessment.blockedUntil) {
        await deny();
        throw tooManyAttempts(assessment.blockedUntil);
      }
      const passwordOk = await verifyPassword(
        person.password_hash ?? (await dummyPasswordHash()),
        proof.password,
      );
      const codeOk =
        !options.requireCode ||
        (proof.code !== undefined && (await codePasses(person, proof.code)));
      if (passwordOk && person.password_hash && codeOk) return;
      await db.transaction().execute(async (trx) => {
        await authRepo.insertLoginAttempt(trx, {
          emailDigest: digest,
          clientAddress: ctx.clientAddress,
          deviceId: assessment.deviceId,
          succeeded: false,
        });
        await recordAudit(trx, {
          action: options.action,
          dataCategory: 'authentication',
          outcome: 'denied',
          userId: person.id,
          agencyId: person.agency_id,
          requestId: ctx.requestId,
        });
      });
      throw new AppError(
        'INVALID_CREDENTIALS',
        options.requireCode
          ? 'The password or the code was not recognised.'
          : 'The current password was not recognised.',
      );
    },
  };
}

export type Reauthentication = ReturnType<typeof createReauthentication>;
