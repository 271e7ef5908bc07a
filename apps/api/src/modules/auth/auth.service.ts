/**
 * Sign-in and sessions. An access token (JWT, 10 minutes) proves who is asking; a refresh token
 * (random, stored hashed, rotated on every use, in an httpOnly cookie) gets a new one. Presenting
 * a spent refresh token revokes its whole family: someone has a copy who should not.
 *
 * Failed attempts are counted in the database by a keyed digest of the e-mail and by client
 * address, so limits hold across API processes and an unknown address behaves like a known one.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '@fourfold/shared/access-policy';
import type { LoginRequest, Me } from '@fourfold/shared/auth';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { hashToken, keyedDigest, newSecretToken } from '../../lib/secure-tokens';
import { recordAudit } from '../audit/audit.service';
import * as repo from './auth.repository';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { recoveryCodeHash, totpCodeValid } from './totp';
import type { StoredTotpSecret, TotpSecrets } from './totp-secrets';

export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_MINUTES = 15;
/** Per client address: generous, to stop credential stuffing without blocking a shared office NAT. */
export const ADDRESS_FAILURES = 100;
export const REFRESH_TOKEN_TTL_HOURS = 12;

export type AccessTokenClaims = {
  sub: string;
  /** The user's session epoch when the token was issued; a bump invalidates the token. */
  epoch: number;
  /** Whether this session passed a second factor. */
  mfa: boolean;
};

export type RequestContext = { clientAddress: string; requestId: string };

export type AuthServiceDeps = {
  db: Kysely<DB>;
  tokenSecret: string;
  signAccessToken: (claims: AccessTokenClaims) => string;
  totpSecrets: TotpSecrets;
};

export type IssuedSession = { accessToken: string; refreshToken: string; me: Me };

/** The keyed digest by which failed attempts against an account are counted (login_attempt). */
export function loginDigest(tokenSecret: string, email: string): string {
  return keyedDigest(tokenSecret, `login:${email.toLowerCase()}`);
}

/**
 * The one lockout rule: 10 failures within 15 minutes lock the account for 15 minutes from the
 * tenth. Locked attempts are not recorded as failures, so the tenth is the newest failure.
 * Returns when the lock ends, or null when the account is not locked.
 */
export async function accountLockedUntil(db: Kysely<DB>, digest: string): Promise<Date | null> {
  const recent = await db
    .selectFrom('login_attempt')
    .select('attempted_at')
    .where('email_digest', '=', digest)
    .where('succeeded', '=', false)
    .orderBy('attempted_at', 'desc')
    .limit(LOCKOUT_FAILURES)
    .execute();
  if (recent.length < LOCKOUT_FAILURES) return null;
  const newest = new Date(recent[0]!.attempted_at);
  const tenth = new Date(recent[LOCKOUT_FAILURES - 1]!.attempted_at);
  const windowMs = LOCKOUT_MINUTES * 60_000;
  if (newest.getTime() - tenth.getTime() > windowMs) return null;
  const until = new Date(newest.getTime() + windowMs);
  return until > new Date() ? until : null;
}

/** The answer to an attempt on a locked account, with how long to wait. */
export function accountLockedError(until: Date | null): AppError {
  const seconds = until
    ? Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))
    : LOCKOUT_MINUTES * 60;
  return new AppError('ACCOUNT_LOCKED', `Try again in ${Math.ceil(seconds / 60)} minutes.`, {
    headers: { 'retry-after': String(seconds) },
  });
}

export function createAuthService({
  db,
  tokenSecret,
  signAccessToken,
  totpSecrets,
}: AuthServiceDeps) {
  const emailDigest = (email: string) => loginDigest(tokenSecret, email);

  async function recordFailure(
    digest: string,
    ctx: RequestContext,
    userId: string | null,
    counted: boolean,
  ) {
    await db.transaction().execute(async (trx) => {
      if (counted) {
        await repo.insertLoginAttempt(trx, {
          emailDigest: digest,
          clientAddress: ctx.clientAddress,
          succeeded: false,
        });
      }
      await recordAudit(trx, {
        action: 'auth.login',
        dataCategory: 'authentication',
        outcome: 'denied',
        userId,
        requestId: ctx.requestId,
      });
    });
  }

  async function secondFactorPasses(
    user: { id: string } & StoredTotpSecret,
    input: LoginRequest,
  ): Promise<{ ok: boolean; recoveryCodeId?: string }> {
    // Opened only for a code: a recovery code must work even if the secret cannot be read.
    const secret = input.totpCode ? totpSecrets.open(user.id, user) : null;
    if (input.totpCode && secret) {
      return { ok: totpCodeValid(secret, input.totpCode) };
    }
    if (input.recoveryCode) {
      const presented = recoveryCodeHash(input.recoveryCode);
      const codes = await repo.findUnusedRecoveryCodes(db, user.id);
      const match = codes.find((code) => code.code_hash === presented);
      return match ? { ok: true, recoveryCodeId: match.id } : { ok: false };
    }
    return { ok: false };
  }

  async function issueSession(
    userId: string,
    secondFactor: boolean,
    familyId: string,
    trx: Parameters<typeof repo.insertRefreshToken>[0],
  ): Promise<{ accessToken: string; refreshToken: string }> {
    const user = await repo.findUserById(trx, userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    const refreshToken = newSecretToken();
    await repo.insertRefreshToken(trx, {
      familyId,
      userId,
      tokenHash: hashToken(refreshToken),
      secondFactor,
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_HOURS * 3_600_000),
    });
    const accessToken = signAccessToken({
      sub: userId,
      epoch: user.session_epoch,
      mfa: secondFactor,
    });
    return { accessToken, refreshToken };
  }

  return {
    async login(input: LoginRequest, ctx: RequestContext): Promise<IssuedSession> {
      const digest = emailDigest(input.email);
      const [until, byAddress] = await Promise.all([
        accountLockedUntil(db, digest),
        repo.countRecentFailures(db, { clientAddress: ctx.clientAddress }, LOCKOUT_MINUTES),
      ]);
      if (until || byAddress.count >= ADDRESS_FAILURES) {
        await recordFailure(digest, ctx, null, false);
        throw accountLockedError(until);
      }

      const user = await repo.findUserByEmail(db, input.email);
      // Verify against a dummy hash when there is no usable account: the same work, the same time.
      const passwordOk = await verifyPassword(
        user?.password_hash ?? (await dummyPasswordHash()),
        input.password,
      );
      if (!user || !user.active || !user.password_hash || !passwordOk) {
        await recordFailure(digest, ctx, user?.id ?? null, true);
        throw new AppError('INVALID_CREDENTIALS');
      }

      let secondFactor = false;
      let recoveryCodeId: string | undefined;
      if (user.totp_enabled_at) {
        if (!input.totpCode && !input.recoveryCode) {
          await recordFailure(digest, ctx, user.id, false);
          throw new AppError('SECOND_FACTOR_CODE_REQUIRED');
        }
        const check = await secondFactorPasses(user, input);
        if (!check.ok) {
          await recordFailure(digest, ctx, user.id, true);
          throw new AppError('INVALID_CREDENTIALS');
        }
        secondFactor = true;
        recoveryCodeId = check.recoveryCodeId;
      }

      const tokens = await db.transaction().execute(async (trx) => {
        await repo.insertLoginAttempt(trx, {
          emailDigest: digest,
          clientAddress: ctx.clientAddress,
          succeeded: true,
        });
        if (recoveryCodeId) await repo.markRecoveryCodeUsed(trx, recoveryCodeId);
        await recordAudit(trx, {
          action: recoveryCodeId ? 'auth.login.recovery_code' : 'auth.login',
          dataCategory: 'authentication',
          outcome: 'allowed',
          userId: user.id,
          agencyId: user.agency_id,
          requestId: ctx.requestId,
        });
        return issueSession(user.id, secondFactor, randomUUID(), trx);
      });
      return { ...tokens, me: await this.me(user.id, secondFactor) };
    },

    /**
     * Signs the person in afresh after their credentials changed (second factor confirmed,
     * password changed or set through a link): `change` runs first in the same transaction —
     * it bumps the session epoch, revokes old refresh tokens and records its audit event — then a
     * new refresh token family is started, whose access token carries the new epoch.
     */
    async startSession(
      userId: string,
      secondFactor: boolean,
      change: (trx: Transaction<DB>) => Promise<void>,
    ): Promise<IssuedSession> {
      const tokens = await db.transaction().execute(async (trx) => {
        await change(trx);
        return issueSession(userId, secondFactor, randomUUID(), trx);
      });
      return { ...tokens, me: await this.me(userId, secondFactor) };
    },

    /** Rotates a refresh token. Reuse of a spent one revokes its family (and is audited). */
    async refresh(refreshToken: string, ctx: RequestContext): Promise<IssuedSession> {
      const outcome = await db.transaction().execute(async (trx) => {
        const row = await repo.findRefreshTokenForUpdate(trx, hashToken(refreshToken));
        if (!row) return { kind: 'unknown' as const };
        if (row.used_at || row.revoked_at) {
          await repo.revokeRefreshFamily(trx, row.family_id);
          await recordAudit(trx, {
            action: 'auth.refresh.reuse',
            dataCategory: 'authentication',
            outcome: 'denied',
            userId: row.user_id,
            requestId: ctx.requestId,
          });
          return { kind: 'reused' as const };
        }
        const user = await repo.findUserById(trx, row.user_id);
        if (new Date(row.expires_at) <= new Date() || !user?.active) {
          await repo.revokeRefreshFamily(trx, row.family_id);
          return { kind: 'expired' as const };
        }
        await repo.markRefreshTokenUsed(trx, row.id);
        const tokens = await issueSession(row.user_id, row.second_factor, row.family_id, trx);
        return {
          kind: 'ok' as const,
          tokens,
          userId: row.user_id,
          secondFactor: row.second_factor,
        };
      });
      if (outcome.kind !== 'ok') throw new AppError('UNAUTHENTICATED', 'Please sign in again.');
      return { ...outcome.tokens, me: await this.me(outcome.userId, outcome.secondFactor) };
    },

    async logout(
      refreshToken: string | undefined,
      actorUserId: string | null,
      ctx: RequestContext,
    ) {
      await db.transaction().execute(async (trx) => {
        let userId = actorUserId;
        if (refreshToken) {
          const row = await repo.findRefreshTokenForUpdate(trx, hashToken(refreshToken));
          if (row) {
            await repo.revokeRefreshFamily(trx, row.family_id);
            userId ??= row.user_id;
          }
        }
        if (userId) {
          await recordAudit(trx, {
            action: 'auth.logout',
            dataCategory: 'authentication',
            outcome: 'allowed',
            userId,
            requestId: ctx.requestId,
          });
        }
      });
    },

    /**
     * The acting person for a verified access token, or null when the token no longer stands:
     * the user was deactivated or their session epoch moved on (password, second factor or
     * memberships changed), which takes effect on the very next request.
     */
    async actorFor(claims: AccessTokenClaims): Promise<Actor | null> {
      const user = await repo.findUserById(db, claims.sub);
      if (!user || !user.active || user.session_epoch !== claims.epoch) return null;
      const memberships = await repo.membershipsOf(db, user.id);
      return {
        userId: user.id,
        agencyId: user.agency_id,
        isAdministrator: user.is_administrator,
        secondFactor: claims.mfa,
        memberships: memberships.map((m) => ({
          tableId: m.table_id,
          role: m.role,
          agreementAccepted: m.agreement_accepted,
        })),
      };
    },

    async me(userId: string, secondFactor: boolean): Promise<Me> {
      const [profile, memberships] = await Promise.all([
        repo.profileOf(db, userId),
        repo.membershipDetailsOf(db, userId),
      ]);
      return {
        user: {
          id: profile.id,
          email: profile.email,
          displayName: profile.display_name,
          isAdministrator: profile.is_administrator,
          secondFactorEnabled: profile.totp_enabled_at !== null,
        },
        agency:
          profile.agency_id && profile.agency_name && profile.agency_sector
            ? { id: profile.agency_id, name: profile.agency_name, sector: profile.agency_sector }
            : null,
        memberships: memberships.map((m) => ({
          table: { id: m.table_id, name: m.table_name },
          role: m.role,
          requiresSecondFactor: m.requires_second_factor,
          agreement: {
            currentVersion: m.current_version,
            acceptedVersion: m.accepted_version,
            accepted: m.current_version !== null && m.accepted_version === m.current_version,
          },
        })),
        session: { secondFactor },
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
