import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  notificationListSchema,
  unreadCountSchema,
  type Notification,
} from '@fourfold/shared/notifications';
import { problemSchema } from '@fourfold/shared/problem';
import { createMailer, type Mailer } from '../../../src/lib/mailer';
import { actingPersonOf } from '../../../src/modules/auth/auth.repository';
import { createSituationSteps } from '../../../src/modules/situations/situation-steps';
import {
  MAX_EMAIL_ATTEMPTS,
  dispatchPendingNotifications,
  startNotificationMail,
} from '../../../src/modules/notifications/notification-dispatch';
import { recordAgencyNotificationsIn } from '../../../src/modules/notifications/notifications.service';
import { createUser, signIn, type SignedIn } from '../../helpers/fixtures';
import {
  NOTE_TEXT,
  PERSONAL_VALUES,
  SituationClient,
  createCast,
  draftBody,
  situationAt,
  type Cast,
} from '../../helpers/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const SUMMARY = draftBody().summary as string;

describe('notifications', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  let mailer: Mailer;
  /** A second representative of the assisting agency, confirmed by the coordinator. */
  let assistingConfirmed: { id: string; email: string };
  /** People of the named agencies who must hear nothing. */
  let pendingLead: { id: string; email: string };
  let inactiveLead: { id: string; email: string };
  let analystLead: { id: string; email: string };
  let leadElsewhere: { id: string; email: string };
  let administrator: { id: string; email: string };

  const dispatch = (options: { retryAfterSeconds?: number } = {}) =>
    dispatchPendingNotifications({
      db: t.database.db,
      mailer,
      publicUrl: t.config.publicUrl,
      ...options,
    });

  const rowsOf = (situationId: string) =>
    t.database.db
      .selectFrom('notification')
      .selectAll()
      .where('situation_id', '=', situationId)
      .orderBy('user_id')
      .execute();

  const list = async (session: SignedIn, query = '') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/notifications${query}`,
      headers: session.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return notificationListSchema.parse(res.json());
  };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    cast = await createCast(t.app, db);
    client = new SituationClient(t.app, db, cast);
    mailer = createMailer(t.config.mail, quiet);
    assistingConfirmed = await createUser(db, { agencyId: cast.agencies.assisting });
    await db
      .insertInto('table_membership')
      .values({
        table_id: cast.tableId,
        user_id: assistingConfirmed.id,
        role: 'agency_rep',
        status: 'confirmed',
        confirmed_by: cast.users.coordinator.id,
        confirmed_at: new Date(),
      })
      .execute();
    pendingLead = await createUser(db, {
      agencyId: cast.agencies.lead,
      memberships: [{ tableId: cast.tableId, role: 'agency_rep', status: 'pending' }],
    });
    inactiveLead = await createUser(db, {
      agencyId: cast.agencies.lead,
      active: false,
      memberships: [{ tableId: cast.tableId, role: 'agency_rep' }],
    });
    analystLead = await createUser(db, {
      agencyId: cast.agencies.lead,
      memberships: [{ tableId: cast.tableId, role: 'analyst' }],
    });
    leadElsewhere = await createUser(db, {
      agencyId: cast.agencies.lead,
      memberships: [{ tableId: cast.otherTableId, role: 'agency_rep' }],
    });
    administrator = await createUser(db, { isAdministrator: true });
  });
  afterAll(async () => {
    mailer.close();
    await closeTestApp(t);
  });

  it('an assignment notifies the confirmed members of the lead and assisting agencies only', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const rows = await rowsOf(id);
    const byUser = new Map(rows.map((row) => [row.user_id, row]));
    expect(byUser.get(cast.users.lead.id)?.kind).toBe('lead_assigned');
    expect(byUser.get(cast.users.assisting.id)?.kind).toBe('assisting_assigned');
    expect(byUser.get(assistingConfirmed.id)?.kind).toBe('assisting_assigned');
    expect(rows).toHaveLength(3);
    for (const nobody of [
      pendingLead,
      inactiveLead,
      analystLead,
      leadElsewhere,
      administrator,
      cast.users.coordinator,
      cast.users.originating,
      cast.users.uninvolved,
    ]) {
      expect(byUser.has(nobody.id)).toBe(false);
    }
    for (const row of rows) {
      expect(row).toMatchObject({
        table_id: cast.tableId,
        action_item_id: null,
        due_at: null,
        read_at: null,
        email_status: 'pending',
        email_attempts: 0,
      });
    }
    await dispatch();
  });

  it('an assignment rolled back with its caller’s transaction leaves no notification and no e-mail', async () => {
    const db = t.database.db;
    const id = await situationAt(client, cast, 'filter3');
    const coordinator = cast.users.coordinator.id;
    const actor = {
      userId: coordinator,
      agencyId: cast.agencies.chair,
      isAdministrator: false,
      secondFactor: false,
      memberships: (await membersOf(db, coordinator)).map((m) => ({
        tableId: m.table_id,
        role: m.role,
        agreementAccepted: m.agreement_accepted,
      })),
    };
    const steps = createSituationSteps({ db, identityRetentionDays: 30 });
    const ifMatch = await client.etag(id);
    const rollback = new Error('the meeting’s own write failed');
    await expect(
      db.transaction().execute(async (trx) => {
        await steps.assignIn(
          trx,
          actor,
          id,
          { leadAgencyId: cast.agencies.lead, assistingAgencyIds: [cast.agencies.assisting] },
          { requestId: 'rolled-back', ifMatch },
        );
        expect(
          (
            await trx
              .selectFrom('notification')
              .select('id')
              .where('situation_id', '=', id)
              .execute()
          ).length,
        ).toBe(3);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await rowsOf(id)).toEqual([]);
    const before = t.mail.received.length;
    await dispatch();
    expect(t.mail.received.slice(before).filter((mail) => mail.text.includes(id))).toEqual([]);
  });

  it('e-mails each notification after the commit, with the reference and without the person', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const { reference } = await t.database.db
      .selectFrom('situation')
      .select('reference')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const before = t.mail.received.length;
    const result = await dispatch();
    expect(result).toEqual({ sent: 3, failed: 0, skipped: 0 });
    const mails = t.mail.received.slice(before);
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(
      [cast.users.lead.email, cast.users.assisting.email, assistingConfirmed.email].sort(),
    );
    const leadMail = mails.find((mail) => mail.to.includes(cast.users.lead.email))!;
    expect(leadMail.kind).toBe('notification');
    expect(leadMail.subject).toContain(reference);
    expect(leadMail.text).toContain(reference);
    expect(leadMail.text).toContain('lead agency');
    expect(leadMail.text).toContain('organisme responsable');
    expect(leadMail.text).toContain(`${t.config.publicUrl}/situations/${id}`);
    const assistingMail = mails.find((mail) => mail.to.includes(cast.users.assisting.email))!;
    expect(assistingMail.text).toContain('assisting agency');
    for (const mail of mails) {
      const decoded = `${mail.subject}\n${mail.text}\n${mail.raw}`;
      for (const value of [...PERSONAL_VALUES, SUMMARY, NOTE_TEXT, 'Young adult']) {
        expect(decoded).not.toContain(value);
      }
    }
    const rows = await rowsOf(id);
    expect(rows.every((row) => row.email_status === 'sent' && row.emailed_at !== null)).toBe(true);
    expect(rows.every((row) => row.email_attempts === 1)).toBe(true);
    // Nothing left: a second run sends nothing again.
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, skipped: 0 });
  });

  it('a mail outage leaves the assignment committed and the notification pending, retried later', async () => {
    t.mail.refuse(true);
    try {
      const id = await situationAt(client, cast, 'filter4');
      const situation = await t.database.db
        .selectFrom('situation')
        .select(['stage', 'lead_agency_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(situation).toEqual({ stage: 'filter4', lead_agency_id: cast.agencies.lead });
      const result = await dispatch({ retryAfterSeconds: 0 });
      expect(result).toEqual({ sent: 0, failed: 3, skipped: 0 });
      const rows = await rowsOf(id);
      expect(rows.map((row) => [row.email_status, row.email_attempts])).toEqual([
        ['pending', 1],
        ['pending', 1],
        ['pending', 1],
      ]);
      t.mail.refuse(false);
      const before = t.mail.received.length;
      expect(await dispatch()).toEqual({ sent: 3, failed: 0, skipped: 0 });
      expect(t.mail.received.length - before).toBe(3);
      expect((await rowsOf(id)).map((row) => [row.email_status, row.email_attempts])).toEqual([
        ['sent', 2],
        ['sent', 2],
        ['sent', 2],
      ]);
    } finally {
      t.mail.refuse(false);
    }
  });

  it('a refused attempt is not retried before its pause, and gives up after the bounded attempts', async () => {
    t.mail.refuse(true);
    try {
      const id = await situationAt(client, cast, 'filter4');
      expect((await dispatch({ retryAfterSeconds: 3600 })).failed).toBe(3);
      // Within the pause: nothing is claimed.
      expect(await dispatch({ retryAfterSeconds: 0 })).toEqual({ sent: 0, failed: 0, skipped: 0 });
      await t.database.db
        .updateTable('notification')
        .set({ email_locked_until: null })
        .where('situation_id', '=', id)
        .execute();
      for (let attempt = 2; attempt <= MAX_EMAIL_ATTEMPTS; attempt += 1) {
        expect((await dispatch({ retryAfterSeconds: 0 })).failed).toBe(3);
      }
      const rows = await rowsOf(id);
      expect(rows.map((row) => [row.email_status, row.email_attempts])).toEqual(
        rows.map(() => ['failed', MAX_EMAIL_ATTEMPTS]),
      );
      expect(await dispatch({ retryAfterSeconds: 0 })).toEqual({ sent: 0, failed: 0, skipped: 0 });
    } finally {
      t.mail.refuse(false);
    }
  });

  it('skips the e-mail of a person deactivated before it was sent', async () => {
    const db = t.database.db;
    const gone = await createUser(db, {
      agencyId: cast.agencies.lead,
      memberships: [{ tableId: cast.tableId, role: 'agency_rep' }],
    });
    try {
      const id = await situationAt(client, cast, 'filter4');
      await db.updateTable('app_user').set({ active: false }).where('id', '=', gone.id).execute();
      const before = t.mail.received.length;
      expect(await dispatch()).toEqual({ sent: 3, failed: 0, skipped: 1 });
      expect(t.mail.to(gone.email)).toHaveLength(0);
      expect(t.mail.received.length - before).toBe(3);
      const row = (await rowsOf(id)).find((r) => r.user_id === gone.id);
      expect(row?.email_status).toBe('skipped');
    } finally {
      await db.deleteFrom('notification').where('user_id', '=', gone.id).execute();
      await db.deleteFrom('agreement_acceptance').where('user_id', '=', gone.id).execute();
      await db.deleteFrom('table_membership').where('user_id', '=', gone.id).execute();
    }
  });

  it('an action item given to an agency, and overdue, notifies its members once with the due time', async () => {
    const situationId = await situationAt(client, cast, 'filter4');
    await dispatch();
    const actionItemId = '7d0c1b9e-3f5a-4c2e-9b1d-2a6e8f4c0d11';
    const dueAt = new Date('2026-12-03T17:00:00Z');
    const record = (kind: 'action_item_assigned' | 'action_item_overdue') =>
      t.database.db.transaction().execute((trx) =>
        recordAgencyNotificationsIn(trx, {
          tableId: cast.tableId,
          agencyId: cast.agencies.assisting,
          kind,
          situationId,
          actionItemId,
          dueAt,
        }),
      );
    expect(await record('action_item_assigned')).toHaveLength(2);
    expect(await record('action_item_overdue')).toHaveLength(2);
    // A second sweep finding it overdue announces nothing new.
    expect(await record('action_item_overdue')).toHaveLength(0);
    const rows = (await rowsOf(situationId)).filter((row) => row.action_item_id === actionItemId);
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => new Date(row.due_at!).getTime() === dueAt.getTime())).toBe(true);
    const before = t.mail.received.length;
    expect(await dispatch()).toEqual({ sent: 4, failed: 0, skipped: 0 });
    const mails = t.mail.received.slice(before);
    const overdue = mails.find(
      (mail) => mail.to.includes(cast.users.assisting.email) && mail.text.includes('overdue'),
    )!;
    expect(overdue.text).toContain('Due: 2026-12-03 17:00 UTC');
    expect(overdue.text).toContain('Échéance : 2026-12-03 17:00 UTC');
    expect(overdue.text).toContain('en retard');
    const listed = await list(cast.sessions.assisting, '?limit=2');
    expect(listed.items.map((item) => [item.kind, item.actionItemId, item.dueAt])).toEqual([
      ['action_item_overdue', actionItemId, dueAt.toISOString()],
      ['action_item_assigned', actionItemId, dueAt.toISOString()],
    ]);
  });

  it('two dispatchers running at once send each e-mail once', async () => {
    const ids = [
      await situationAt(client, cast, 'filter4'),
      await situationAt(client, cast, 'filter4'),
    ];
    const before = t.mail.received.length;
    const [first, second] = await Promise.all([
      dispatchPendingNotifications({
        db: t.database.db,
        mailer,
        publicUrl: t.config.publicUrl,
        batchSize: 1,
      }),
      dispatchPendingNotifications({
        db: t.database.db,
        mailer,
        publicUrl: t.config.publicUrl,
        batchSize: 1,
      }),
    ]);
    expect(first.sent + second.sent).toBe(6);
    const mails = t.mail.received.slice(before);
    expect(mails).toHaveLength(6);
    for (const id of ids) {
      for (const email of [cast.users.lead.email, cast.users.assisting.email]) {
        expect(mails.filter((m) => m.to.includes(email) && m.text.includes(id))).toHaveLength(1);
      }
    }
  });

  it('the running dispatcher hears a committed assignment and sends its e-mail', async () => {
    const running = await startNotificationMail({
      database: t.database,
      mailer,
      publicUrl: t.config.publicUrl,
      log: quiet,
      intervalMs: 3_600_000,
    });
    try {
      await running.settled();
      const id = await situationAt(client, cast, 'filter4');
      const deadline = Date.now() + 10_000;
      while (
        !t.mail.to(cast.users.lead.email).some((mail) => mail.text.includes(id)) &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(t.mail.to(cast.users.lead.email).some((mail) => mail.text.includes(id))).toBe(true);
    } finally {
      await running.stop();
    }
  });

  describe('the person’s own list', () => {
    let situationId: string;
    let leadItems: Notification[];

    beforeAll(async () => {
      situationId = await situationAt(client, cast, 'filter4');
      await t.database.db
        .updateTable('notification')
        .set({ read_at: new Date() })
        .where('user_id', '=', cast.users.lead.id)
        .where('situation_id', '<>', situationId)
        .execute();
      leadItems = (await list(cast.sessions.lead)).items;
    });

    it('lists the person’s notifications newest first with the reference and no summary', async () => {
      const page = await list(cast.sessions.lead);
      expect(page.unreadCount).toBe(1);
      const newest = page.items[0]!;
      const { reference } = await t.database.db
        .selectFrom('situation')
        .select('reference')
        .where('id', '=', situationId)
        .executeTakeFirstOrThrow();
      expect(newest).toMatchObject({
        kind: 'lead_assigned',
        tableId: cast.tableId,
        situationId,
        reference,
        actionItemId: null,
        dueAt: null,
        readAt: null,
      });
      const times = page.items.map((item) => item.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      const body = JSON.stringify(page);
      for (const value of [...PERSONAL_VALUES, SUMMARY]) expect(body).not.toContain(value);
      const unread = await list(cast.sessions.lead, '?unread=true');
      expect(unread.items.map((item) => item.id)).toEqual([newest.id]);
      const count = await t.app.inject({
        method: 'GET',
        url: '/api/notifications/unread-count',
        headers: cast.sessions.lead.headers,
      });
      expect(unreadCountSchema.parse(count.json())).toEqual({ unreadCount: 1 });
    });

    it('pages with the cursor and refuses a cursor that is not one of the person’s', async () => {
      expect(leadItems.length).toBeGreaterThan(2);
      const first = await list(cast.sessions.lead, '?limit=2');
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).toBe(first.items[1]!.id);
      const second = await list(cast.sessions.lead, `?limit=2&cursor=${first.nextCursor}`);
      expect(second.items[0]!.id).toBe(leadItems[2]!.id);
      for (const cursor of ['not-a-cursor', leadItems[0]!.id.replace(/.$/, 'x')]) {
        const bad = await t.app.inject({
          method: 'GET',
          url: `/api/notifications?cursor=${cursor}`,
          headers: cast.sessions.lead.headers,
        });
        expect(bad.statusCode).toBe(400);
        expect(problemSchema.safeParse(bad.json()).success).toBe(true);
      }
      // Someone else's notification id is not a cursor of this list.
      const foreign = await t.app.inject({
        method: 'GET',
        url: `/api/notifications?cursor=${leadItems[0]!.id}`,
        headers: cast.sessions.assisting.headers,
      });
      expect(foreign.statusCode).toBe(400);
      const tooMany = await t.app.inject({
        method: 'GET',
        url: '/api/notifications?limit=1000',
        headers: cast.sessions.lead.headers,
      });
      expect(tooMany.statusCode).toBe(400);
    });

    it('another person’s notification answers 404 and stays unread', async () => {
      const target = leadItems[0]!;
      for (const who of ['assisting', 'coordinator', 'outsider'] as const) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/notifications/${target.id}/read`,
          headers: cast.sessions[who].headers,
        });
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/notifications/00000000-0000-4000-8000-000000000000/read',
        headers: cast.sessions.lead.headers,
      });
      expect(missing.statusCode).toBe(404);
      const row = await t.database.db
        .selectFrom('notification')
        .select('read_at')
        .where('id', '=', target.id)
        .executeTakeFirstOrThrow();
      expect(row.read_at).toBeNull();
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/notifications' });
      expect(anonymous.statusCode).toBe(401);
      const admin = await signIn(t.app, administrator.email);
      expect((await list(admin)).items).toEqual([]);
    });

    it('marks one read, then all read, each with its audit event', async () => {
      const session = cast.sessions.assisting;
      const mine = await list(session);
      expect(mine.unreadCount).toBeGreaterThan(1);
      const target = mine.items[0]!;
      const read = await t.app.inject({
        method: 'POST',
        url: `/api/notifications/${target.id.toUpperCase()}/read`,
        headers: session.headers,
      });
      expect(read.statusCode).toBe(204);
      const after = await list(session);
      expect(after.unreadCount).toBe(mine.unreadCount - 1);
      expect(after.items.find((item) => item.id === target.id)?.readAt).not.toBeNull();
      const events = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'user_id', 'table_id', 'situation_id', 'target', 'outcome'])
        .where('action', 'in', ['notification.read', 'notification.read_all'])
        .where('user_id', '=', cast.users.assisting.id)
        .orderBy('id')
        .execute();
      expect(events).toEqual([
        {
          action: 'notification.read',
          user_id: cast.users.assisting.id,
          table_id: cast.tableId,
          situation_id: target.situationId,
          target: `notification:${target.id}`,
          outcome: 'allowed',
        },
      ]);
      // Reading it again changes nothing and records nothing.
      await t.app.inject({
        method: 'POST',
        url: `/api/notifications/${target.id}/read`,
        headers: session.headers,
      });
      const all = await t.app.inject({
        method: 'POST',
        url: '/api/notifications/read-all',
        headers: session.headers,
      });
      expect(all.statusCode).toBe(204);
      expect((await list(session)).unreadCount).toBe(0);
      const actions = await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('action', 'in', ['notification.read', 'notification.read_all'])
        .where('user_id', '=', cast.users.assisting.id)
        .orderBy('id')
        .execute();
      expect(actions.map((e) => e.action)).toEqual(['notification.read', 'notification.read_all']);
      // The lead's notifications were not touched by the assisting rep's read-all.
      expect((await list(cast.sessions.lead)).unreadCount).toBe(1);
    });
  });
});

/** The person's memberships as the API loads them with each request (the session is irrelevant). */
async function membersOf(db: Parameters<typeof actingPersonOf>[0], userId: string) {
  return (await actingPersonOf(db, userId, randomUUID()))?.memberships ?? [];
}
