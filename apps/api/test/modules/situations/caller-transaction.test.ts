/**
 * The steps after a situation is presented run in a transaction the caller owns (a meeting
 * records a decision with its own stamp): when the caller's transaction fails after the step, the
 * step's change, its audit events and any identity it destroyed all roll back with it; when it
 * commits, all are there.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@fourfold/shared/access-policy';
import type { Stage } from '@fourfold/shared/situation-workflow';
import { sql, type Kysely, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../src/db/schema';
import { actingPersonOf } from '../../../src/modules/auth/auth.repository';
import {
  createSituationSteps,
  type SituationSteps,
} from '../../../src/modules/situations/situation-steps';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  NOTE_TEXT,
  SituationClient,
  createCast,
  situationAt,
  type Cast,
  type Who,
} from '../../helpers/situations';

async function actorOf(db: Kysely<DB>, cast: Cast, who: Who): Promise<Actor> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'agency_id', 'is_administrator'])
    .where('id', '=', cast.users[who].id)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    agencyId: user.agency_id,
    isAdministrator: user.is_administrator,
    secondFactor: false,
    memberships: (await membersOf(db, user.id)).map((m) => ({
      tableId: m.table_id,
      role: m.role,
      agreementAccepted: m.agreement_accepted,
    })),
  };
}

type Step = {
  name: string;
  /** Where the situation starts, and what the client does before the step. */
  from: Stage;
  prepare?: (client: SituationClient, id: string) => Promise<void>;
  who: Who;
  run: (
    steps: SituationSteps,
    trx: Transaction<DB>,
    actor: Actor,
    id: string,
    ctx: { requestId: string; ifMatch: string },
  ) => Promise<unknown>;
  /** The stage after the step, and whether it destroys the identity. */
  to: Stage;
  destroys: boolean;
};

describe('situation steps in a transaction the caller owns', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  let steps: SituationSteps;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
    // A retention of 0 days: closing destroys identity and notes in the closing transaction.
    steps = createSituationSteps({ db: t.database.db, identityRetentionDays: 0 });
  });
  afterAll(async () => closeTestApp(t));

  const present = () => [cast.agencies.present, cast.agencies.lead, cast.agencies.assisting];
  const table: Step[] = [
    {
      name: 'accept',
      from: 'filter2',
      who: 'coordinator',
      run: (s, trx, actor, id, ctx) =>
        s.decideIn(trx, actor, id, { outcome: 'accepted', agenciesPresent: present() }, ctx),
      to: 'filter3',
      destroys: false,
    },
    {
      name: 'reject',
      from: 'filter2',
      who: 'coordinator',
      run: (s, trx, actor, id, ctx) =>
        s.decideIn(
          trx,
          actor,
          id,
          { outcome: 'rejected', rejectionReason: 'single_agency', agenciesPresent: present() },
          ctx,
        ),
      to: 'rejected',
      destroys: true,
    },
    {
      name: 'declare involvement',
      from: 'filter3',
      who: 'present',
      run: (s, trx, actor, id, ctx) => s.declareInvolvementIn(trx, actor, id, true, ctx),
      to: 'filter3',
      destroys: false,
    },
    {
      name: 'assign',
      from: 'filter3',
      who: 'coordinator',
      run: (s, trx, actor, id, ctx) =>
        s.assignIn(
          trx,
          actor,
          id,
          { leadAgencyId: cast.agencies.lead, assistingAgencyIds: [cast.agencies.assisting] },
          ctx,
        ),
      to: 'filter4',
      destroys: false,
    },
    {
      name: 'record contact',
      from: 'filter4',
      who: 'lead',
      run: (s, trx, actor, id, ctx) =>
        s.recordContactIn(
          trx,
          actor,
          id,
          { at: new Date().toISOString(), outcome: 'engaged' },
          ctx,
        ),
      to: 'filter4',
      destroys: false,
    },
    {
      name: 'close',
      from: 'filter4',
      prepare: async (c, id) => {
        expect((await c.write('lead', 'POST', id, '/notes', { body: NOTE_TEXT })).statusCode).toBe(
          201,
        );
        const contact = await c.write('lead', 'POST', id, '/contact', {
          at: new Date().toISOString(),
          outcome: 'engaged',
        });
        expect(contact.statusCode).toBe(200);
      },
      who: 'coordinator',
      run: (s, trx, actor, id, ctx) =>
        s.closeIn(trx, actor, id, { conclusion: 'lowered_connected' }, ctx),
      to: 'closed',
      destroys: true,
    },
  ];

  async function stateOf(id: string, requestId: string) {
    const db = t.database.db;
    const row = await db
      .selectFrom('situation')
      .select(['stage', 'version', 'summary', 'identity_destroyed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const events = await db
      .selectFrom('audit_event')
      .select('action')
      .where('request_id', '=', requestId)
      .execute();
    const identity = await db
      .selectFrom('situation_identity')
      .select('situation_id')
      .where('situation_id', '=', id)
      .execute();
    const notes = await db
      .selectFrom('intervention_note')
      .select('id')
      .where('situation_id', '=', id)
      .execute();
    return {
      ...row,
      events: events.map((e) => e.action),
      identityRows: identity.length,
      noteRows: notes.length,
    };
  }

  async function prepared(step: Step) {
    const id = await situationAt(client, cast, step.from);
    await step.prepare?.(client, id);
    const actor = await actorOf(t.database.db, cast, step.who);
    return { id, actor, ifMatch: await client.etag(id) };
  }

  it.each(table)('$name: rolls back with the caller’s transaction', async (step) => {
    const { id, actor, ifMatch } = await prepared(step);
    const requestId = randomUUID();
    const before = await stateOf(id, requestId);
    expect(before.identityRows).toBe(1);

    const failing = t.database.db.transaction().execute(async (trx) => {
      const result = await step.run(steps, trx, actor, id, { requestId, ifMatch });
      expect(result).toMatchObject({ id, stage: step.to, version: before.version + 1 });
      // Inside the transaction the step is visible: its audit event is there, waiting to be
      // chained when the transaction commits (migration 0026).
      const inside = await sql<{ action: string }>`
        select action from audit_event_pending where request_id = ${requestId}`.execute(trx);
      expect(inside.rows.length).toBeGreaterThan(0);
      // The caller's own write fails after the step (division by zero).
      await sql`select 1 / 0`.execute(trx);
    });
    await expect(failing).rejects.toThrow(/division by zero/);

    expect(await stateOf(id, requestId)).toEqual(before);
  });

  it.each(table)('$name: commits with the caller’s transaction', async (step) => {
    const { id, actor, ifMatch } = await prepared(step);
    const requestId = randomUUID();
    const before = await stateOf(id, requestId);

    await t.database.db.transaction().execute(async (trx) => {
      await step.run(steps, trx, actor, id, { requestId, ifMatch });
      // The caller's own write in the same transaction.
      await sql`select 1`.execute(trx);
    });

    const after = await stateOf(id, requestId);
    expect(after.stage).toBe(step.to);
    expect(after.version).toBe(before.version + 1);
    expect(after.events.length).toBeGreaterThan(0);
    if (step.destroys) {
      expect(after).toMatchObject({ identityRows: 0, noteRows: 0, summary: null });
      expect(after.identity_destroyed_at).not.toBeNull();
      expect(after.events.some((a) => a.startsWith('situation.identity.'))).toBe(true);
    } else {
      expect(after).toMatchObject({ identityRows: 1, noteRows: before.noteRows });
      expect(after.summary).toBe(before.summary);
    }
  });

  it('keeps the If-Match semantics inside the caller’s transaction', async () => {
    const id = await situationAt(client, cast, 'filter3');
    const actor = await actorOf(t.database.db, cast, 'present');
    const stale = `"${Number((await client.etag(id)).replaceAll('"', '')) - 1}"`;
    const run = t.database.db.transaction().execute((trx) =>
      steps.declareInvolvementIn(trx, actor, id, true, {
        requestId: randomUUID(),
        ifMatch: stale,
      }),
    );
    await expect(run).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });
});

/** The person's memberships as the API loads them with each request (the session is irrelevant). */
async function membersOf(db: Parameters<typeof actingPersonOf>[0], userId: string) {
  return (await actingPersonOf(db, userId, randomUUID()))?.memberships ?? [];
}
