/**
 * Users: list, create (with a one-time invitation link), edit, deactivate and reactivate, and
 * one-time links. A link's secret goes only to the person, by e-mail, and is stored only as a
 * hash: the administrator who issued it never sees it, so cannot set the person's password.
 * Issuing a link expires the person's earlier unused links of the same purpose. The message is
 * sent as the last step of the transaction that stores the link: if the mail server refuses it,
 * the transaction rolls back (no usable link, no audit event) and the answer is 503
 * MAIL_UNAVAILABLE. Changing a person's address tells the old address and the new one, likewise.
 * Deactivation ends every session at once: the session epoch moves on (access tokens fail at the
 * next request) and the refresh tokens are revoked (no new access token can be minted).
 */
import type { Kysely, Transaction } from 'kysely';
import {
  LINK_TTL_HOURS,
  type AdminUser,
  type AdminUserList,
  type LinkPurpose,
  type UserCreate,
  type UserCreated,
  type UserLink,
  type UserUpdate,
} from '@fourfold/shared/admin';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../lib/errors';
import type { Mailer } from '../../lib/mailer';
import { hashToken, newSecretToken } from '../../lib/secure-tokens';
import { revokeAllSessionsOf } from '../auth/sessions.service';
import {
  auditAdmin,
  auditTarget,
  isUniqueViolation,
  taken,
  unprocessable,
  type AdminContext,
} from './admin-context';
import { lockAgency } from './agencies.repository';
import { requestAgainAfterAgencyChange } from './membership-requests';
import { isMemberAgency } from './tables.repository';
import { emailChangeMessages, linkMessage, maskAddress } from './user-mail';
import * as repo from './users.repository';
import { iso } from '../../lib/iso';

const EMAIL_TAKEN = 'Another user already has this e-mail address.';
const ADMINISTRATOR_WITHOUT_AGENCY =
  'An administrator holds no agency (separation of duties: administrators never sit at a table).';
const MEMBER_NOT_ADMINISTRATOR =
  'A table member is never made an administrator (separation of duties); remove their ' +
  'memberships and agency first, or give the role to another person.';
/** Roles that sit at a table on behalf of their agency, which must then be a member agency. */
export const AGENCY_SEAT_ROLES = ['coordinator', 'agency_rep'] as const;

export function toAdminUser(row: repo.UserRow): AdminUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    agency: row.agency_id && row.agency_name ? { id: row.agency_id, name: row.agency_name } : null,
    isAdministrator: row.is_administrator,
    active: row.active,
    passwordSet: row.password_set,
    secondFactorEnabled: row.second_factor_enabled,
    memberships: row.memberships.map((m) => ({
      table: { id: m.table_id, name: m.table_name },
      role: m.role,
      status: m.status,
    })),
    pendingLinks: row.pending_links.map((link) => ({
      purpose: link.purpose,
      expiresAt: iso(link.expires_at),
    })),
    createdAt: iso(row.created_at),
  };
}

/** Refuses an agency that does not exist or is deactivated, naming the field. */
export async function requireActiveAgency(trx: Transaction<DB>, agencyId: string, path: string) {
  const agency = await lockAgency(trx, agencyId);
  if (!agency) throw unprocessable(path, 'No agency has this id.');
  if (!agency.active) throw unprocessable(path, 'The agency is deactivated.');
}

export type UsersServiceDeps = {
  db: Kysely<DB>;
  mailer: Mailer;
  /** Where people reach the app (config PUBLIC_URL): links in e-mails start here. */
  publicUrl: string;
};

export function createUsersService({ db, mailer, publicUrl }: UsersServiceDeps) {
  /**
   * Stores a new link and e-mails it to the person. Call it last in the transaction, after the
   * audit event: a refused message then rolls everything back.
   */
  async function sendLink(
    trx: Transaction<DB>,
    ctx: AdminContext,
    user: { id: string; email: string },
    purpose: LinkPurpose,
  ): Promise<UserLink> {
    await repo.expireOpenLinks(trx, user.id, purpose);
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + LINK_TTL_HOURS * 3_600_000);
    await repo.insertLink(trx, {
      userId: user.id,
      purpose,
      tokenHash: hashToken(token),
      createdBy: ctx.actor.userId,
      expiresAt,
    });
    await mailer.send(linkMessage({ purpose, to: user.email, token, expiresAt, publicUrl }));
    return {
      purpose,
      sentTo: maskAddress(user.email),
      delivery: mailer.delivery,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async function get(userId: string): Promise<AdminUser> {
    const row = await repo.findUser(db, userId);
    if (!row) throw notFound();
    return toAdminUser(row);
  }

  async function lockExisting(trx: Transaction<DB>, userId: string) {
    const user = await repo.lockUser(trx, userId);
    if (!user) throw notFound();
    return user;
  }

  function refuseSelf(ctx: AdminContext, userId: string, what: string) {
    if (ctx.actor.userId === userId) {
      throw new AppError('CONFLICT', `You cannot ${what} yourself; ask another administrator.`);
    }
  }

  return {
    async list(query: {
      agencyId?: string | undefined;
      tableId?: string | undefined;
      active?: 'true' | 'false' | undefined;
      page: number;
      pageSize: number;
    }): Promise<AdminUserList> {
      const { rows, total } = await repo.listUsers(
        db,
        {
          ...(query.agencyId ? { agencyId: query.agencyId } : {}),
          ...(query.tableId ? { tableId: query.tableId } : {}),
          ...(query.active ? { active: query.active === 'true' } : {}),
        },
        { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
      );
      return { items: rows.map(toAdminUser), total, page: query.page, pageSize: query.pageSize };
    },

    get,

    async create(ctx: AdminContext, input: UserCreate): Promise<UserCreated> {
      const isAdministrator = input.isAdministrator ?? false;
      const agencyId = input.agencyId ?? null;
      const { userId, link } = await db
        .transaction()
        .execute(async (trx) => {
          if (agencyId === null && !isAdministrator) {
            throw unprocessable('agencyId', 'Only an administrator may have no agency.');
          }
          if (agencyId !== null && isAdministrator) {
            throw unprocessable('agencyId', ADMINISTRATOR_WITHOUT_AGENCY);
          }
          if (agencyId !== null) await requireActiveAgency(trx, agencyId, 'agencyId');
          if (await repo.emailTaken(trx, input.email)) throw taken('email', EMAIL_TAKEN);
          const id = await repo.insertUser(trx, {
            email: input.email,
            displayName: input.displayName,
            agencyId,
            isAdministrator,
          });
          await auditAdmin(trx, ctx, 'user.create', { target: auditTarget.user(id) });
          const invitation = await sendLink(trx, ctx, { id, email: input.email }, 'invite');
          return { userId: id, link: invitation };
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw taken('email', EMAIL_TAKEN);
          throw error;
        });
      return { user: await get(userId), link };
    },

    async update(ctx: AdminContext, userId: string, input: UserUpdate): Promise<AdminUser> {
      await db
        .transaction()
        .execute(async (trx) => {
          const user = await lockExisting(trx, userId);
          const agencyId = input.agencyId === undefined ? user.agency_id : input.agencyId;
          const isAdministrator = input.isAdministrator ?? user.is_administrator;
          const agencyChanged = agencyId !== user.agency_id;
          const adminChanged = isAdministrator !== user.is_administrator;
          if (adminChanged && !isAdministrator)
            refuseSelf(ctx, userId, 'remove the administrator role from');
          if (agencyId === null && !isAdministrator) {
            throw unprocessable('agencyId', 'Only an administrator may have no agency.');
          }
          if (
            isAdministrator &&
            adminChanged &&
            (await repo.membershipsOf(trx, userId)).length > 0
          ) {
            throw unprocessable('isAdministrator', MEMBER_NOT_ADMINISTRATOR);
          }
          if (isAdministrator && agencyId !== null) {
            throw unprocessable(
              adminChanged ? 'isAdministrator' : 'agencyId',
              adminChanged ? MEMBER_NOT_ADMINISTRATOR : ADMINISTRATOR_WITHOUT_AGENCY,
            );
          }
          if (agencyChanged) {
            if (agencyId !== null) await requireActiveAgency(trx, agencyId, 'agencyId');
            const memberships = await repo.membershipsOf(trx, userId);
            if (agencyId === null && memberships.length > 0) {
              throw unprocessable(
                'agencyId',
                'Every table member belongs to an agency; remove the memberships first.',
              );
            }
            for (const membership of memberships) {
              const seat = (AGENCY_SEAT_ROLES as readonly string[]).includes(membership.role);
              if (seat && !(await isMemberAgency(trx, membership.table_id, agencyId!))) {
                throw unprocessable(
                  'agencyId',
                  'The user is a coordinator or agency representative at a table this agency ' +
                    'is not a member of; change or remove that membership first.',
                );
              }
            }
          }
          const emailChanged = input.email !== undefined && input.email !== user.email;
          if (emailChanged && (await repo.emailTaken(trx, input.email!))) {
            throw taken('email', EMAIL_TAKEN);
          }
          await repo.updateUser(trx, userId, {
            email: emailChanged ? input.email : undefined,
            display_name: input.displayName,
            agency_id: input.agencyId,
            is_administrator: input.isAdministrator,
          });
          if (agencyChanged) {
            // Separation of duties: identity follows the agency, so a second person confirms again.
            await requestAgainAfterAgencyChange(
              trx,
              userId,
              await repo.membershipsOf(trx, userId),
              ctx.actor.userId,
            );
          }
          // What the person may do changed: their next request must be made with fresh claims.
          if (agencyChanged || adminChanged) await repo.bumpSessionEpochs(trx, [userId]);
          await auditAdmin(trx, ctx, 'user.update', { target: auditTarget.user(userId) });
          if (emailChanged) {
            // A link already sent went to an address the person may no longer hold.
            await repo.expireOpenLinks(trx, userId);
            await auditAdmin(trx, ctx, 'user.email_change', { target: auditTarget.user(userId) });
            // Last, so that a refused notice leaves the address unchanged.
            for (const notice of emailChangeMessages({ from: user.email, to: input.email! })) {
              await mailer.send(notice);
            }
          }
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw taken('email', EMAIL_TAKEN);
          throw error;
        });
      return get(userId);
    },

    async deactivate(ctx: AdminContext, userId: string): Promise<AdminUser> {
      refuseSelf(ctx, userId, 'deactivate');
      await db.transaction().execute(async (trx) => {
        await lockExisting(trx, userId);
        await repo.updateUser(trx, userId, { active: false });
        await repo.bumpSessionEpochs(trx, [userId]);
        await revokeAllSessionsOf(trx, userId);
        await repo.expireOpenLinks(trx, userId);
        await auditAdmin(trx, ctx, 'user.deactivate', { target: auditTarget.user(userId) });
      });
      return get(userId);
    },

    async reactivate(ctx: AdminContext, userId: string): Promise<AdminUser> {
      await db.transaction().execute(async (trx) => {
        await lockExisting(trx, userId);
        await repo.updateUser(trx, userId, { active: true });
        await auditAdmin(trx, ctx, 'user.reactivate', { target: auditTarget.user(userId) });
      });
      return get(userId);
    },

    /**
     * A new one-time link. An invitation is for a person who has not set a password yet; a reset
     * for one who has. Either way the person must be active.
     */
    async issueLink(ctx: AdminContext, userId: string, purpose: LinkPurpose): Promise<UserLink> {
      return db.transaction().execute(async (trx) => {
        const user = await lockExisting(trx, userId);
        if (!user.active) {
          throw new AppError('CONFLICT', 'The user is deactivated; reactivate them first.');
        }
        if (purpose === 'invite' && user.password_set) {
          throw new AppError(
            'CONFLICT',
            'The user has already set a password; issue a password-reset link instead.',
          );
        }
        if (purpose === 'reset' && !user.password_set) {
          throw new AppError(
            'CONFLICT',
            'The user has not set a password yet; send a new invitation instead.',
          );
        }
        await auditAdmin(trx, ctx, purpose === 'invite' ? 'user.invite' : 'user.reset_link', {
          target: auditTarget.user(userId),
        });
        return sendLink(trx, ctx, user, purpose);
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
