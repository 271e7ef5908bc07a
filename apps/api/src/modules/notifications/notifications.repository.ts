/**
 * Storage for notifications: who gets one when an agency is named (the agency's members in effect
 * at the table), a person's own list and unread count, marking read, and the e-mail queue that the
 * dispatcher claims with SKIP LOCKED and a lease.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NotificationEmailStatus, NotificationKindColumn } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** Roles that act for their agency at the table (an analyst or privacy officer does not). */
const ACTING_ROLES = ['coordinator', 'agency_rep'] as const;

/**
 * Inserts one notification for every active person of the agency whose coordinator or agency
 * representative membership at the table is in effect (anything but `pending`). Administrators
 * hold no memberships, so they are never among them.
 */
export async function insertForAgencyMembers(
  trx: Transaction<DB>,
  input: {
    tableId: string;
    agencyId: string;
    kind: NotificationKindColumn;
    situationId: string;
    actionItemId: string | null;
    dueAt: Date | null;
  },
): Promise<string[]> {
  const rows = await trx
    .insertInto('notification')
    .columns(['user_id', 'kind', 'table_id', 'situation_id', 'action_item_id', 'due_at'])
    .expression((eb) =>
      eb
        .selectFrom('table_membership as m')
        .innerJoin('app_user as u', 'u.id', 'm.user_id')
        .select([
          'u.id',
          sql.lit(input.kind).as('kind'),
          'm.table_id',
          sql<string>`${input.situationId}::uuid`.as('situation_id'),
          sql<string | null>`${input.actionItemId}::uuid`.as('action_item_id'),
          sql<Date | null>`${input.dueAt}::timestamptz`.as('due_at'),
        ])
        .where('m.table_id', '=', input.tableId)
        .where('m.role', 'in', ACTING_ROLES)
        .where('m.status', '<>', 'pending')
        .where('u.agency_id', '=', input.agencyId)
        .where('u.active', '=', true)
        .where('u.is_administrator', '=', false)
        .orderBy('u.id'),
    )
    // An overdue item already announced to the person (same due time) is not announced again.
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'action_item_id', 'due_at'])
        .where('kind', '=', 'action_item_overdue')
        .doNothing(),
    )
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export type ListPosition = { createdAt: string; id: string };

/** Where a page starts: the stored position of the caller's own notification, else nothing. */
export function positionOf(db: Db, userId: string, notificationId: string) {
  return db
    .selectFrom('notification')
    .select([sql<string>`created_at::text`.as('created_at'), 'id'])
    .where('id', '=', notificationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function listForUser(
  db: Db,
  options: { userId: string; unreadOnly: boolean; after: ListPosition | undefined; limit: number },
) {
  const { userId, unreadOnly, after, limit } = options;
  return (
    db
      .selectFrom('notification as n')
      .innerJoin('situation as s', 's.id', 'n.situation_id')
      .innerJoin('situation_table as t', 't.id', 'n.table_id')
      // Named columns only: the situation row also holds the summary.
      .select([
        'n.id',
        'n.kind',
        'n.table_id',
        't.name as table_name',
        'n.situation_id',
        's.reference',
        'n.action_item_id',
        'n.due_at',
        'n.created_at',
        'n.read_at',
      ])
      .where('n.user_id', '=', userId)
      .$if(unreadOnly, (qb) => qb.where('n.read_at', 'is', null))
      .$if(after !== undefined, (qb) =>
        qb.where((eb) =>
          eb(
            eb.refTuple('n.created_at', 'n.id'),
            '<',
            eb.tuple(sql<Date>`${after!.createdAt}::timestamptz`, sql<string>`${after!.id}::uuid`),
          ),
        ),
      )
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(limit)
      .execute()
  );
}

/**
 * {@link insertForAgencyMembers} for several agencies, each with its kind (not an action item's),
 * and the NOTIFY on `channel` of each agency that got any (payload: the situation and agency ids),
 * in one statement.
 */
export async function insertForAgenciesAndNotify(
  trx: Transaction<DB>,
  input: {
    tableId: string;
    situationId: string;
    agencies: ReadonlyArray<{ agencyId: string; kind: NotificationKindColumn }>;
    channel: string;
  },
): Promise<void> {
  if (input.agencies.length === 0) return;
  await sql`
    with named (agency_id, kind, ord) as (
      select * from unnest(${input.agencies.map((a) => a.agencyId)}::uuid[],
        ${input.agencies.map((a) => a.kind)}::text[]) with ordinality
    ),
    inserted as (
      insert into notification (user_id, kind, table_id, situation_id)
      select u.id, n.kind, m.table_id, ${input.situationId}::uuid
      from named n
      join app_user u on u.agency_id = n.agency_id
      join table_membership m on m.user_id = u.id
      where m.table_id = ${input.tableId}::uuid and m.role in (${sql.join([...ACTING_ROLES])})
        and m.status <> 'pending' and u.active and not u.is_administrator
      order by n.ord, u.id
      returning user_id
    )
    select pg_notify(${input.channel}::text, json_build_object(
      'situationId', ${input.situationId}::text, 'agencyId', n.agency_id)::text)
    from named n
    where exists (
      select 1 from inserted i join app_user u on u.id = i.user_id where u.agency_id = n.agency_id
    )
    order by n.ord`.execute(trx);
}

export type NotificationRow = Awaited<ReturnType<typeof listForUser>>[number];

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The caller's own notification, locked; someone else's is not found. */
export function lockOwn(trx: Transaction<DB>, userId: string, notificationId: string) {
  return trx
    .selectFrom('notification')
    .select(['id', 'table_id', 'situation_id', 'read_at'])
    .where('id', '=', notificationId)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function markRead(trx: Transaction<DB>, notificationId: string) {
  await trx
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('id', '=', notificationId)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAllRead(trx: Transaction<DB>, userId: string): Promise<number> {
  const result = await trx
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// The e-mail queue

/**
 * Claims up to `limit` pending notifications whose lease is free: locks them with SKIP LOCKED (a
 * row another dispatcher is claiming is passed over, never waited for), counts the attempt and
 * takes the lease, so that once this short transaction commits no other process picks them up
 * while this one talks to the mail server.
 */
export async function claimPending(
  trx: Transaction<DB>,
  options: { limit: number; leaseSeconds: number },
): Promise<string[]> {
  const locked = await trx
    .selectFrom('notification')
    .select('id')
    .where('email_status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('email_locked_until', 'is', null),
        eb('email_locked_until', '<', sql<Date>`now()`),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(options.limit)
    .forUpdate()
    .skipLocked()
    .execute();
  const ids = locked.map((row) => row.id);
  if (ids.length === 0) return [];
  await trx
    .updateTable('notification')
    .set((eb) => ({
      email_attempts: eb('email_attempts', '+', 1),
      email_locked_until: sql<Date>`now() + make_interval(secs => ${options.leaseSeconds})`,
    }))
    .where('id', 'in', ids)
    .execute();
  return ids;
}

/**
 * What the e-mail of each claimed notification says, and whether it may still be sent: the person
 * is active and their membership at the table still acts for the agency (not pending). Named
 * columns: no identity, no summary.
 */
export function mailFacts(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('notification as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .innerJoin('situation as s', 's.id', 'n.situation_id')
    .innerJoin('situation_table as t', 't.id', 'n.table_id')
    .select((eb) => [
      'n.id',
      'n.kind',
      'n.situation_id',
      'n.due_at',
      'n.email_attempts',
      'u.email',
      's.reference',
      't.name as table_name',
      eb
        .exists(
          eb
            .selectFrom('table_membership as m')
            .select('m.id')
            .whereRef('m.user_id', '=', 'n.user_id')
            .whereRef('m.table_id', '=', 'n.table_id')
            .where('m.role', 'in', ACTING_ROLES)
            .where('m.status', '<>', 'pending'),
        )
        .as('member'),
      'u.active',
    ])
    .where('n.id', 'in', [...ids])
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}

export type MailFacts = Awaited<ReturnType<typeof mailFacts>>[number];

export async function markEmailSent(db: Db, id: string) {
  await db
    .updateTable('notification')
    .set({ email_status: 'sent', emailed_at: sql<Date>`now()`, email_locked_until: null })
    .where('id', '=', id)
    .execute();
}

export async function markEmailSkipped(db: Db, id: string) {
  await db
    .updateTable('notification')
    .set({ email_status: 'skipped', email_locked_until: null })
    .where('id', '=', id)
    .execute();
}

/**
 * A refused attempt: pending again for the sweep to retry after `retryAfterSeconds` (the lease is
 * kept until then), or failed once the attempts are spent.
 */
export async function markEmailAttemptFailed(
  db: Db,
  id: string,
  options: { maxAttempts: number; retryAfterSeconds: number },
) {
  await db
    .updateTable('notification')
    .set(() => ({
      // The attempt was counted when the row was claimed.
      email_status: sql<NotificationEmailStatus>`case when email_attempts >= ${options.maxAttempts} then 'failed' else 'pending' end`,
      email_locked_until: sql<Date>`now() + make_interval(secs => ${options.retryAfterSeconds})`,
    }))
    .where('id', '=', id)
    .execute();
}
