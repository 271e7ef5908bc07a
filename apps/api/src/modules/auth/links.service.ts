/**
 * One-time links e-mailed to a person when an administrator asks (modules/admin/users.service.ts;
 * the administrator never sees them): an invitation to set a first password, or a password reset. The random token is stored only as its hash; it arrives in request bodies,
 * never in a URL (which logs and the Referer header would keep). Using a link sets the password,
 * spends every other unused link of the person, ends their other sessions, and signs them in.
 *
 * Unknown, spent and expired tokens are counted per client address (in login_attempt, under a
 * digest of their own), so that a client guessing tokens is stopped long before it could matter.
 */
import type { AuditAction } from '@fourfold/shared/audit';
import type { Kysely } from 'kysely';
import type { LinkCompleteRequest, LinkInspectResponse } from '@fourfold/shared/credentials';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { hashToken, keyedDigest } from '../../lib/secure-tokens';
import { recordAudit } from '../audit/audit.service';
import * as authRepo from './auth.repository';
import type { AuthService, IssuedSession, RequestContext } from './auth.service';
import * as repo from './credentials.repository';
import { requireAcceptablePassword } from './password-policy';
import { hashPassword } from '../../lib/password-hashing';

/** Failed link attempts allowed per client address within the window. */
export const LINK_FAILURES = 20;
export const LINK_WINDOW_MINUTES = 15;

type LinkRow = NonNullable<Awaited<ReturnType<typeof repo.findLinkByHash>>>;

export type LinksServiceDeps = {
  db: Kysely<DB>;
  tokenSecret: string;
  authService: AuthService;
};

const invalid = () => new AppError('LINK_INVALID', 'Ask your administrator for a new link.');

export function createLinksService({ db, tokenSecret, authService }: LinksServiceDeps) {
  const attemptsDigest = keyedDigest(tokenSecret, 'user-link-attempts');

  const usable = (link: LinkRow): boolean =>
    link.used_at === null && new Date(link.expires_at) > new Date() && link.active;

  /** Refuses a client address that has failed too often, before the token is even looked at. */
  async function guard(action: AuditAction, ctx: RequestContext) {
    const failures = await repo.countRecentLinkFailures(
      db,
      attemptsDigest,
      ctx.clientAddress,
      LINK_WINDOW_MINUTES,
    );
    if (failures < LINK_FAILURES) return;
    await recordAudit(db, {
      action,
      dataCategory: 'authentication',
      outcome: 'denied',
      requestId: ctx.requestId,
    });
    throw new AppError('RATE_LIMITED', `Try again in ${LINK_WINDOW_MINUTES} minutes.`, {
      headers: { 'retry-after': String(LINK_WINDOW_MINUTES * 60) },
    });
  }

  /** Looks the link up; an unusable one is counted against the address, audited and refused. */
  async function usableLink(
    token: string,
    action: AuditAction,
    ctx: RequestContext,
  ): Promise<LinkRow> {
    await guard(action, ctx);
    const link = await repo.findLinkByHash(db, hashToken(token));
    if (link && usable(link)) return link;
    await db.transaction().execute(async (trx) => {
      await authRepo.insertLoginAttempt(trx, {
        emailDigest: attemptsDigest,
        clientAddress: ctx.clientAddress,
        deviceId: null,
        succeeded: false,
      });
      await recordAudit(trx, {
        action,
        dataCategory: 'authentication',
        outcome: 'denied',
        userId: link?.user_id ?? null,
        requestId: ctx.requestId,
      });
    });
    throw invalid();
  }

  return {
    /** Whose link this is and what it is for, so the page can say so before asking anything. */
    async inspect(token: string, ctx: RequestContext): Promise<LinkInspectResponse> {
      const link = await usableLink(token, 'auth.link.inspect', ctx);
      await recordAudit(db, {
        action: 'auth.link.inspect',
        dataCategory: 'authentication',
        outcome: 'allowed',
        userId: link.user_id,
        agencyId: link.agency_id,
        purpose: link.purpose,
        requestId: ctx.requestId,
      });
      return {
        purpose: link.purpose,
        email: link.email,
        displayName: link.display_name,
        expiresAt: new Date(link.expires_at).toISOString(),
      };
    },

    /** Sets the password and signs the person in (without a second factor: none was shown). */
    async complete(input: LinkCompleteRequest, ctx: RequestContext): Promise<IssuedSession> {
      const link = await usableLink(input.token, 'auth.link.complete', ctx);
      await requireAcceptablePassword(input.newPassword, {
        email: link.email,
        displayName: link.display_name,
        agencyName: link.agency_name,
      });
      const passwordHash = await hashPassword(input.newPassword);
      return authService.startSession(link.user_id, false, async (trx) => {
        // Spent by a racing request while the password was being hashed: refuse this one.
        const locked = await repo.lockLink(trx, link.id);
        if (!locked || locked.used_at !== null || new Date(locked.expires_at) <= new Date()) {
          throw invalid();
        }
        await repo.setPasswordHash(trx, link.user_id, passwordHash);
        await repo.markLinksUsed(trx, link.user_id);
        await repo.bumpSessionEpoch(trx, link.user_id);
        await authRepo.revokeAllRefreshTokensOf(trx, link.user_id);
        await recordAudit(trx, {
          action: 'auth.link.complete',
          dataCategory: 'authentication',
          outcome: 'allowed',
          userId: link.user_id,
          agencyId: link.agency_id,
          purpose: link.purpose,
          requestId: ctx.requestId,
        });
      });
    },
  };
}

export type LinksService = ReturnType<typeof createLinksService>;
