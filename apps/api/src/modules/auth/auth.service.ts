/**
 * Sign-in and sessions. An access token (JWT, 10 minutes) proves who is asking; a refresh token
 * (random, stored hashed, rotated on every use, in an httpOnly cookie) gets a new one. Presenting
 * a spent refresh token revokes its whole family: someone has a copy who should not.
 *
 * Every access token names its session (`sid`, the refresh family): signing out revokes the
 * family, and the access token stops working on its next request.
 *
 * Failed attempts are counted in the database by a keyed digest of the e-mail, by trusted device
 * and by client address (sign-in-throttle.ts), so limits hold across API processes, an unknown
 * e-mail behaves like a known one, and failures elsewhere never lock out a browser that signed in
 * before.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { Actor } from '@fourfold/shared/access-policy';
import type { LoginRequest, Me } from '@fourfold/shared/auth';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { hashToken, keyedDigest, newSecretToken } from '../../lib/secure-tokens';
import { recordAudit } from '../audit/audit.service';
import * as repo from './auth.repository';
import { dummyPasswordHash, verifyPassword } from '../../lib/password-hashing';
import {
  assessAttempt,
  createDeviceCookies,
  tooManyAttempts,
  type DeviceCookie,
} from './sign-in-throttle';
import { recoveryCodeHash, totpCodeValid } from './totp';
import type { StoredTotpSecret, TotpSecrets } from './totp-secrets';

export const REFRESH_TOKEN_TTL_HOURS = 12;

export type AccessTokenClaims = {
  sub: string;
  /** The session (refresh token family): revoked at sign-out, which ends the token at once. */
  sid: string;
  /** The user's session epoch when the token was issued; a bump invalidates the token. */
  epoch: number;
  /** Whether this session passed a second factor. */
  mfa: boolean;
};

export type RequestContext = {
  clientAddress: string;
  requestId: string;
  /** The session of a verified access token, when the request carried one. */
  sessionId: string | null;
};

/** The request's cookies, by name (the device cookies are read from them). */
export type Cookies = Record<string, string | undefined>;

export type AuthServiceDeps = {
  db: Kysely<DB>;
  tokenSecret: string;
  signAccessToken: (claims: AccessTokenClaims) => string;
  totpSecrets: TotpSecrets;
};

export type IssuedSession = {
  accessToken: string;
  refreshToken: string;
  /** A new device cookie after every sign-in with credentials; null on a refresh. */
  device: DeviceCookie | null;
  me: Me;
};

/** The keyed digest by which failed attempts against an account are counted (login_attempt). */
export function loginDigest(tokenSecret: string, email: string): string {
  return keyedDigest(tokenSecret, `login:${email.toLowerCase()}`);
}

export function createAuthService({
  db,
  tokenSecret,
  signAccessToken,
  totpSecrets,
}: AuthServiceDeps) {
  const emailDigest = (email: string) => loginDigest(tokenSecret, email);
  const deviceCookies = createDeviceCookies(tokenSecret);

  async function recordFailure(
    digest: string,
    ctx: RequestContext,
    userId: string | null,
    counted: { deviceId: string | null } | null,
  ) {
    await db.transaction().execute(async (trx) => {
      if (counted) {
        await repo.insertLoginAttempt(trx, {
          emailDigest: digest,
          clientAddress: ctx.clientAddress,
          deviceId: counted.deviceId,
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
    session: { familyId: string; deviceId: string | null },
    trx: Parameters<typeof repo.insertRefreshToken>[0],
  ): Promise<{ accessToken: string; refreshToken: string }> {
    const user = await repo.findUserById(trx, userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    const refreshToken = newSecretToken();
    await repo.insertRefreshToken(trx, {
      familyId: session.familyId,
      userId,
      tokenHash: hashToken(refreshToken),
      secondFactor,
      deviceId: session.deviceId,
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_HOURS * 3_600_000),
    });
    const accessToken = signAccessToken({
      sub: userId,
      sid: session.familyId,
      epoch: user.session_epoch,
      mfa: secondFactor,
    });
    return { accessToken, refreshToken };
  }

  return {
    async login(
      input: LoginRequest,
      ctx: RequestContext,
      cookies: Cookies,
    ): Promise<IssuedSession> {
      const digest = emailDigest(input.email);
      const assessment = await assessAttempt(db, {
        accountDigest: digest,
        clientAddress: ctx.clientAddress,
        deviceId: deviceCookies.verify(digest, cookies),
      });
      if (assessment.blockedUntil) {
        await recordFailure(digest, ctx, null, null);
        throw tooManyAttempts(assessment.blockedUntil);
      }
      const counted = { deviceId: assessment.deviceId };

      const user = await repo.findUserByEmail(db, input.email);
      // Verify against a dummy hash when there is no usable account: the same work, the same time.
      const passwordOk = await verifyPassword(
        user?.password_hash ?? (await dummyPasswordHash()),
        input.password,
      );
      if (!user || !user.active || !user.password_hash || !passwordOk) {
        await recordFailure(digest, ctx, user?.id ?? null, counted);
        throw new AppError('INVALID_CREDENTIALS');
      }

      let secondFactor = false;
      let recoveryCodeId: string | undefined;
      if (user.totp_enabled_at) {
        if (!input.totpCode && !input.recoveryCode) {
          await recordFailure(digest, ctx, user.id, null);
          throw new AppError('SECOND_FACTOR_CODE_REQUIRED');
        }
        const check = await secondFactorPasses(user, input);
        if (!check.ok) {
          await recordFailure(digest, ctx, user.id, counted);
          throw new AppError('INVALID_CREDENTIALS');
        }
        secondFactor = true;
        recoveryCodeId = check.recoveryCodeId;
      }

      // A fresh device id after every sign-in (OWASP): this browser is now trusted for the account.
      const device = deviceCookies.issue(digest);
      const tokens = await db.transaction().execute(async (trx) => {
        await repo.insertLoginAttempt(trx, {
          emailDigest: digest,
          clientAddress: ctx.clientAddress,
          deviceId: assessment.deviceId,
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
        return issueSession(
          user.id,
          secondFactor,
          { familyId: randomUUID(), deviceId: device.deviceId },
          trx,
        );
      });
      return { ...tokens, device, me: await this.me(user.id, secondFactor) };
    },

    /**
     * Signs the person in afresh after their credentials changed (second factor confirmed,
     * password changed or set through a link): `change` runs first in the same transaction —
     * it bumps the session epoch, revokes old refresh tokens and records its audit event — then a
     * new refresh token family is started, whose access token carries the new epoch. The person
     * just proved it is them (password, code or a link sent to them), so this browser gets a new
     * device cookie too (OWASP: a device cookie for a valid reset link).
     */
    async startSession(
      userId: string,
      secondFactor: boolean,
      change: (trx: Transaction<DB>) => Promise<void>,
    ): Promise<IssuedSession> {
      const { tokens, device } = await db.transaction().execute(async (trx) => {
        await change(trx);
        const profile = await repo.profileOf(trx, userId);
        const issued = deviceCookies.issue(emailDigest(profile.email));
        return {
          device: issued,
          tokens: await issueSession(
            userId,
            secondFactor,
            { familyId: randomUUID(), deviceId: issued.deviceId },
            trx,
          ),
        };
      });
      return { ...tokens, device, me: await this.me(userId, secondFactor) };
    },

    /** Rotates a refresh token. Reuse of a spent one revokes its family (and is audited). */
    async refresh(refreshToken: string, ctx: RequestContext): Promise<IssuedSession> {
      const outcome = await db.transaction().execute(async (trx) => {
        const row = await repo.findRefreshTokenForUpdate(trx, hashToken(refreshToken));
        if (!row) return { kind: 'unknown' as const };
        if (row.used_at || row.revoked_at) {
          await repo.revokeRefreshFamily(trx, row.family_id, row.user_id);
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
          await repo.revokeRefreshFamily(trx, row.family_id, row.user_id);
          return { kind: 'expired' as const };
        }
        await repo.markRefreshTokenUsed(trx, row.id);
        const tokens = await issueSession(
          row.user_id,
          row.second_factor,
          { familyId: row.family_id, deviceId: row.device_id },
          trx,
        );
        return {
          kind: 'ok' as const,
          tokens,
          userId: row.user_id,
          secondFactor: row.second_factor,
        };
      });
      if (outcome.kind !== 'ok') throw new AppError('UNAUTHENTICATED', 'Please sign in again.');
      return {
        ...outcome.tokens,
        device: null,
        me: await this.me(outcome.userId, outcome.secondFactor),
      };
    },

    /**
     * Ends this session only (the person's other browsers stay signed in): the refresh family of
     * the cookie and, when a verified access token came along, its session. Every access token of
     * the family then fails on its next request (actorFor checks the session).
     */
    async logout(
      refreshToken: string | undefined,
      session: { userId: string; sessionId: string } | null,
      ctx: RequestContext,
    ) {
      await db.transaction().execute(async (trx) => {
        let userId: string | null = null;
        if (session) {
          await repo.revokeRefreshFamily(trx, session.sessionId, session.userId);
          userId = session.userId;
        }
        if (refreshToken) {
          const row = await repo.findRefreshTokenForUpdate(trx, hashToken(refreshToken));
          if (row) {
            await repo.revokeRefreshFamily(trx, row.family_id, row.user_id);
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
     * the user was deactivated, their session epoch moved on (password, second factor or
     * memberships changed) or the session ended (signed out, refresh token reuse), which takes
     * effect on the very next request.
     */
    async actorFor(claims: AccessTokenClaims): Promise<Actor | null> {
      return actorFromPerson(claims, await repo.actingPersonOf(db, claims.sub, claims.sid));
    },

    /**
     * The statement `actorFor` runs, to be carried inside a route's own statement (one round trip
     * for both); its row then goes through `actorFromPerson`, as actorFor's does.
     */
    actingPersonQuery(claims: AccessTokenClaims): RawBuilder<repo.ActingPersonRow> {
      return repo.actingPersonQuery(claims.sub, claims.sid);
    },

    /**
     * The person as they are now, for a token that failed `actorFor` only because their session
     * epoch moved on (memberships, roles or agency changed) while its session still stands; null
     * when the session ended or the person was deactivated. Never grants a request: it tells a
     * long-lived reader (the live view) whether the change took away what it was showing.
     */
    async currentActorFor(claims: AccessTokenClaims): Promise<Actor | null> {
      const user = await repo.findUserById(db, claims.sub);
      if (!user) return null;
      return this.actorFor({ ...claims, epoch: user.session_epoch });
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

export type { ActingPersonRow } from './auth.repository';

/**
 * The acting person a verified access token stands for, from their row as read with it, or null
 * when the token no longer stands: the user was deactivated (or is unknown), their session epoch
 * moved on (password, second factor or memberships changed) or the session ended (signed out,
 * refresh token reuse), which takes effect on the very next request.
 */
export function actorFromPerson(
  claims: AccessTokenClaims,
  person: repo.ActingPersonRow | null | undefined,
): Actor | null {
  if (!person || !person.active || person.session_epoch !== claims.epoch || !person.session_live) {
    return null;
  }
  return {
    userId: person.id,
    agencyId: person.agency_id,
    isAdministrator: person.is_administrator,
    secondFactor: claims.mfa,
    memberships: person.memberships.map((m) => ({
      tableId: m.table_id,
      role: m.role,
      agreementAccepted: m.agreement_accepted,
      requiresSecondFactor: m.requires_second_factor,
    })),
  };
}
