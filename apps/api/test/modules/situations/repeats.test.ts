/**
 * Repeats: a situation whose person (same normalised names and date of birth) was brought to the
 * same table within REPEAT_WINDOW_MONTHS is flagged, both ways, through the audited identity view
 * only; fingerprints are keyed hashes kept for the window, deleted at rejection, outliving the
 * identity purge until they expire.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  normaliseNamePart,
  fingerprintsOf,
} from '../../../src/modules/situations/repeat-fingerprint';
import {
  expireFingerprints,
  scheduleFingerprintExpiry,
} from '../../../src/modules/situations/repeats.service';
import { purgeExpiredIdentities } from '../../../src/modules/situations/retention.service';
import { createUser, signIn, type SignedIn } from '../../helpers/fixtures';
import {
  NOTE_TEXT,
  SituationClient,
  createCast,
  draftBody,
  type Cast,
} from '../../helpers/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

type Person = { givenName: string; familyName: string; dateOfBirth?: string };

let serial = 0;
/** A person no other test of the file uses (each test has its own date of birth). */
function newPerson(): Person {
  serial += 1;
  return {
    givenName: 'Zéphyrine-Anne',
    familyName: "O'Quillfeather",
    dateOfBirth: `1990-01-${String(serial).padStart(2, '0')}`,
  };
}

/** The same person as an agency in a hurry might type them. */
const retyped = (person: Person): Person => ({
  givenName: '  ZEPHYRINE   anne ',
  familyName: 'oquillfeather',
  ...(person.dateOfBirth ? { dateOfBirth: person.dateOfBirth } : {}),
});

describe('repeats within the window (12 months)', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  let otherRep: SignedIn;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp({ environment: { IDENTITY_RETENTION_DAYS: '30' } });
    cast = await createCast(t.app, db());
    client = new SituationClient(t.app, db(), cast);
    const otherAgency = await db()
      .selectFrom('table_agency')
      .select('agency_id')
      .where('table_id', '=', cast.otherTableId)
      .executeTakeFirstOrThrow();
    const user = await createUser(db(), {
      agencyId: otherAgency.agency_id,
      memberships: [{ tableId: cast.otherTableId, role: 'agency_rep' }],
    });
    otherRep = await signIn(t.app, user.email);
  });
  afterAll(async () => closeTestApp(t));

  /** A draft with `people` as its identity, by the originating agency (or `as`, at `tableId`). */
  async function draftOf(
    people: Person[],
    as: SignedIn | 'originating' = 'originating',
    tableId = cast.tableId,
  ) {
    const created = await client.call(as, 'POST', `/api/tables/${tableId}/situations`, {
      payload: draftBody(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const saved = await client.call(as, 'PUT', `/api/situations/${id}/identity`, {
      payload: { people },
      ifMatch: await client.etag(id),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    return id;
  }

  async function step(
    who: 'originating' | 'coordinator' | 'lead',
    id: string,
    path: string,
    payload?: unknown,
  ) {
    const res = await client.write(who, 'POST', id, path, payload);
    expect(res.statusCode, `${path}: ${res.body}`).toBeLessThan(300);
  }

  const agenciesPresent = () => [
    cast.agencies.present,
    cast.agencies.lead,
    cast.agencies.assisting,
  ];

  async function rejected(id: string) {
    await step('originating', id, '/submit');
    await step('coordinator', id, '/decision', {
      outcome: 'rejected',
      rejectionReason: 'single_agency',
      agenciesPresent: agenciesPresent(),
    });
  }

  async function closed(id: string) {
    await step('originating', id, '/submit');
    await step('coordinator', id, '/decision', {
      outcome: 'accepted',
      agenciesPresent: agenciesPresent(),
    });
    await step('coordinator', id, '/assignment', {
      leadAgencyId: cast.agencies.lead,
      assistingAgencyIds: [cast.agencies.assisting],
    });
    await step('lead', id, '/notes', { body: NOTE_TEXT });
    await step('lead', id, '/contact', { at: new Date().toISOString(), outcome: 'engaged' });
    await step('coordinator', id, '/close', { conclusion: 'lowered_connected' });
  }

  const identityOf = async (id: string, who: 'originating' | SignedIn = 'originating') => {
    const res = await client.get(who, `/api/situations/${id}/identity`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      possibleRepeats: Array<{ situationId: string; reference: string; relation: string }>;
    };
  };
  const referenceOf = async (id: string) =>
    (
      await db()
        .selectFrom('situation')
        .select('reference')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).reference;
  const fingerprintsHeld = (id: string) =>
    db().selectFrom('situation_fingerprint').selectAll().where('situation_id', '=', id).execute();
  const linksOf = (id: string) =>
    db()
      .selectFrom('situation_repeat')
      .select(['situation_id', 'earlier_situation_id'])
      .where((eb) => eb.or([eb('situation_id', '=', id), eb('earlier_situation_id', '=', id)]))
      .execute();

  it('flags the same person typed differently in the same table, both ways, audited without values', async () => {
    const person = newPerson();
    const earlier = await draftOf([person]);
    const later = await draftOf([
      { givenName: 'Unrelated', familyName: 'Person', dateOfBirth: '1970-01-01' },
      retyped(person),
    ]);

    expect(await linksOf(later)).toEqual([{ situation_id: later, earlier_situation_id: earlier }]);
    expect((await identityOf(later)).possibleRepeats).toEqual([
      { situationId: earlier, reference: await referenceOf(earlier), relation: 'earlier' },
    ]);
    expect((await identityOf(earlier)).possibleRepeats).toEqual([
      { situationId: later, reference: await referenceOf(later), relation: 'later' },
    ]);

    const detected = await db()
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'situation.repeat.detect')
      .where('situation_id', '=', later)
      .execute();
    expect(detected).toHaveLength(1);
    expect(detected[0]).toMatchObject({
      user_id: cast.users.originating.id,
      data_category: 'de_identified',
      target: `situation:${earlier}`,
      table_id: cast.tableId,
    });
    // No fingerprint, name or date of birth anywhere in the audit log.
    const prints = (await fingerprintsHeld(later)).map((row) => row.fingerprint);
    expect(prints).toHaveLength(2);
    const log = JSON.stringify(await db().selectFrom('audit_event').selectAll().execute());
    for (const value of [...prints, 'ephyrine', 'uillfeather', person.dateOfBirth!]) {
      expect(log).not.toContain(value);
    }
  });

  it('shows repeats only with the identity: the de-identified view and list carry nothing of them', async () => {
    const person = newPerson();
    const earlier = await draftOf([person]);
    const later = await draftOf([retyped(person)]);
    expect(await linksOf(later)).toHaveLength(1);
    const earlierReference = await referenceOf(earlier);
    for (const url of [
      `/api/situations/${later}`,
      `/api/tables/${cast.tableId}/situations?stage=draft`,
    ]) {
      const res = await client.get('originating', url);
      expect(res.statusCode).toBe(200);
      expect(res.body.toLowerCase()).not.toContain('repeat');
    }
    const view = await client.get('originating', `/api/situations/${later}`);
    expect(view.body).not.toContain(earlier);
    expect(view.body).not.toContain(earlierReference);
    // Nobody but those who may see the identity learns of the repeat (a draft: 404 to others).
    for (const who of ['coordinator', 'analyst', 'outsider'] as const) {
      const denied = await client.get(who, `/api/situations/${later}/identity`);
      expect(denied.statusCode, who).toBe(404);
      expect(denied.body).not.toContain(earlierReference);
    }
  });

  it('tells a caller only of the linked situations they may see (not another agency’s draft)', async () => {
    const person = newPerson();
    const othersDraft = await draftOf([person], cast.sessions.present);
    const mine = await draftOf([retyped(person)]);
    expect(await linksOf(mine)).toHaveLength(1);
    expect((await identityOf(mine)).possibleRepeats).toEqual([]);
    expect((await identityOf(othersDraft, cast.sessions.present)).possibleRepeats).toEqual([]);
  });

  it('does not flag the same person at another table', async () => {
    const person = newPerson();
    const here = await draftOf([person]);
    const there = await draftOf([retyped(person)], otherRep, cast.otherTableId);
    expect(await fingerprintsHeld(there)).toHaveLength(1);
    expect(await linksOf(here)).toEqual([]);
    expect(await linksOf(there)).toEqual([]);
    expect((await identityOf(there, otherRep)).possibleRepeats).toEqual([]);
  });

  it('needs a date of birth and matches on it', async () => {
    const { dateOfBirth: _dob, ...nameOnly } = newPerson();
    const first = await draftOf([nameOnly]);
    const second = await draftOf([nameOnly]);
    expect(await fingerprintsHeld(first)).toEqual([]);
    expect(await linksOf(second)).toEqual([]);
    const born = newPerson();
    await draftOf([born]);
    const otherDay = await draftOf([{ ...born, dateOfBirth: '1890-12-31' }]);
    expect(await linksOf(otherDay)).toEqual([]);
  });

  it('does not flag a fingerprint recorded before the window, and does one recorded within it', async () => {
    const outside = newPerson();
    const old = await draftOf([outside]);
    await db()
      .updateTable('situation_fingerprint')
      .set({
        recorded_at: sql<Date>`now() - interval '13 months'`,
        expires_at: sql<Date>`now() + interval '1 day'`,
      })
      .where('situation_id', '=', old)
      .execute();
    expect(await linksOf(await draftOf([retyped(outside)]))).toEqual([]);

    const inside = newPerson();
    const recent = await draftOf([inside]);
    await db()
      .updateTable('situation_fingerprint')
      .set({ recorded_at: sql<Date>`now() - interval '11 months'` })
      .where('situation_id', '=', recent)
      .execute();
    expect(await linksOf(await draftOf([retyped(inside)]))).toHaveLength(1);
  });

  it('withdraws a link when the identity is corrected and no longer matches, audited', async () => {
    const person = newPerson();
    const earlier = await draftOf([person]);
    const later = await draftOf([retyped(person)]);
    expect(await linksOf(later)).toHaveLength(1);
    const res = await client.write('originating', 'PUT', later, '/identity', {
      people: [{ ...person, dateOfBirth: '1899-01-01' }],
    });
    expect(res.statusCode).toBe(200);
    expect(await linksOf(later)).toEqual([]);
    const withdrawn = await db()
      .selectFrom('audit_event')
      .select(['target'])
      .where('action', '=', 'situation.repeat.withdraw')
      .where('situation_id', '=', later)
      .execute();
    expect(withdrawn).toEqual([{ target: `situation:${earlier}` }]);
  });

  it('keeps a link whose other side’s fingerprints have expired when the identity is corrected', async () => {
    const person = newPerson();
    const earlier = await draftOf([person]);
    const later = await draftOf([retyped(person)]);
    await db()
      .updateTable('situation_fingerprint')
      .set({
        recorded_at: sql<Date>`now() - interval '13 months'`,
        expires_at: sql<Date>`now() - interval '1 month'`,
      })
      .where('situation_id', '=', earlier)
      .execute();
    const res = await client.write('originating', 'PUT', later, '/identity', {
      people: [{ ...person, dateOfBirth: '1898-02-02' }],
    });
    expect(res.statusCode).toBe(200);
    // It matched when both identities were held; it can no longer be re-checked.
    expect(await linksOf(later)).toEqual([{ situation_id: later, earlier_situation_id: earlier }]);
    const withdrawn = await db()
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'situation.repeat.withdraw')
      .where('situation_id', '=', later)
      .execute();
    expect(withdrawn).toEqual([]);
  });

  it('links the later-created situation to the earlier whichever saves its identity last, ties by id', async () => {
    const draft = async () => {
      const created = await client.call(
        'originating',
        'POST',
        `/api/tables/${cast.tableId}/situations`,
        {
          payload: draftBody(),
        },
      );
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as string;
    };
    const save = async (id: string, people: Person[]) => {
      const res = await client.write('originating', 'PUT', id, '/identity', { people });
      expect(res.statusCode, res.body).toBe(200);
    };
    // The earlier-created situation's identity saved last: the later one still repeats it.
    const person = newPerson();
    const first = await draft();
    const second = await draft();
    await save(second, [person]);
    await save(first, [retyped(person)]);
    expect(await linksOf(first)).toEqual([{ situation_id: second, earlier_situation_id: first }]);

    // Created at the same instant: the greater id is the later, whichever saves first.
    const twin = newPerson();
    const [low, high] = [await draft(), await draft()].sort();
    await db()
      .updateTable('situation')
      .set({ created_at: sql<Date>`'2026-01-01T00:00:00Z'::timestamptz` })
      .where('id', 'in', [low!, high!])
      .execute();
    await save(high!, [twin]);
    await save(low!, [twin]);
    expect(await linksOf(low!)).toEqual([{ situation_id: high, earlier_situation_id: low }]);
  });

  it('audits each link changed as the identity save’s own event: same user, agency, role and request', async () => {
    const person = newPerson();
    const earlier = await draftOf([person]);
    const later = await draftOf([retyped(person)]);
    const events = await db()
      .selectFrom('audit_event')
      .select([
        'action',
        'data_category',
        'outcome',
        'user_id',
        'agency_id',
        'role',
        'table_id',
        'situation_id',
        'purpose',
        'request_id',
        'target',
      ])
      .where('situation_id', '=', later)
      .where('action', 'in', ['situation.identity.update', 'situation.repeat.detect'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'situation.identity.update',
      'situation.repeat.detect',
    ]);
    const [update, detect] = events;
    expect(detect).toEqual({
      ...update,
      action: 'situation.repeat.detect',
      data_category: 'de_identified',
      target: `situation:${earlier}`,
    });
    expect(update!.request_id).not.toBeNull();
    expect(update!.role).not.toBeNull();
  });

  it('links two identities of the same person saved at once in two situations', async () => {
    const person = newPerson();
    const created = await Promise.all(
      [0, 1].map(() =>
        client.call('originating', 'POST', `/api/tables/${cast.tableId}/situations`, {
          payload: draftBody(),
        }),
      ),
    );
    const [a, b] = created.map((res) => res.json().id as string);
    // On PostgreSQL the two saves contend (the table's lock); PGlite runs them one after the other.
    const saved = await Promise.all([
      client.write('originating', 'PUT', a!, '/identity', { people: [person] }),
      client.write('originating', 'PUT', b!, '/identity', { people: [retyped(person)] }),
    ]);
    expect(saved.map((res) => res.statusCode)).toEqual([200, 200]);
    expect(await linksOf(a!)).toHaveLength(1);
    expect(await linksOf(b!)).toEqual(await linksOf(a!));
    const detected = await db()
      .selectFrom('audit_event')
      .select('situation_id')
      .where('action', '=', 'situation.repeat.detect')
      .where('situation_id', 'in', [a!, b!])
      .execute();
    expect(detected).toHaveLength(1);
  });

  it('deletes a rejected situation’s fingerprints and links in the deciding transaction', async () => {
    const person = newPerson();
    const earlier = await draftOf([person]);
    const later = await draftOf([retyped(person)]);
    expect(await fingerprintsHeld(earlier)).toHaveLength(1);
    expect(await linksOf(earlier)).toHaveLength(1);
    await rejected(earlier);
    expect(await fingerprintsHeld(earlier)).toEqual([]);
    expect(await linksOf(earlier)).toEqual([]);
    expect(await fingerprintsHeld(later)).toHaveLength(1);
    expect((await identityOf(later)).possibleRepeats).toEqual([]);
  });

  it('keeps fingerprints after the identity purge until they expire; the expiry job deletes them, the link stays', async () => {
    const person = newPerson();
    const earlier = await draftOf([person]);
    await closed(earlier);
    await db()
      .updateTable('situation')
      .set({ closed_at: sql<Date>`now() - interval '31 days'` })
      .where('id', '=', earlier)
      .execute();
    expect((await purgeExpiredIdentities(db(), 30)).situations).toBeGreaterThanOrEqual(1);
    const identityRow = await db()
      .selectFrom('situation_identity')
      .select('situation_id')
      .where('situation_id', '=', earlier)
      .execute();
    expect(identityRow).toEqual([]);
    expect(await fingerprintsHeld(earlier)).toHaveLength(1);

    // A new referral of the same person still finds the closed, purged one.
    const later = await draftOf([retyped(person)]);
    expect(await linksOf(later)).toEqual([{ situation_id: later, earlier_situation_id: earlier }]);

    // Not yet expired: the job leaves it.
    await expireFingerprints(db(), 12);
    expect(await fingerprintsHeld(earlier)).toHaveLength(1);

    await db()
      .updateTable('situation_fingerprint')
      .set({
        recorded_at: sql<Date>`now() - interval '13 months'`,
        expires_at: sql<Date>`now() - interval '1 month'`,
      })
      .where('situation_id', '=', earlier)
      .execute();
    const logged: object[] = [];
    const job = scheduleFingerprintExpiry({
      db: db(),
      windowMonths: 12,
      log: { info: (o) => logged.push(o), error: (o) => logged.push(o) },
    });
    await job.settled();
    await job.stop();
    expect(await fingerprintsHeld(earlier)).toEqual([]);
    expect(await fingerprintsHeld(later)).toHaveLength(1);
    expect(await linksOf(later)).toHaveLength(1);
    expect(logged).toEqual([{ fingerprints: 1, situations: 1 }]);
    const expired = await db()
      .selectFrom('audit_event')
      .select(['user_id', 'table_id', 'target', 'purpose'])
      .where('action', '=', 'situation.repeat.fingerprint_expire')
      .where('situation_id', '=', earlier)
      .execute();
    expect(expired).toEqual([
      { user_id: null, table_id: cast.tableId, target: null, purpose: null },
    ]);
  });
});

describe('repeats turned off (REPEAT_WINDOW_MONTHS=0)', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp({ environment: { REPEAT_WINDOW_MONTHS: '0' } });
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  it('stores no fingerprint and flags nothing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await client.call(
        'originating',
        'POST',
        `/api/tables/${cast.tableId}/situations`,
        {
          payload: draftBody(),
        },
      );
      const id = created.json().id as string;
      const res = await client.write('originating', 'PUT', id, '/identity', {
        people: [{ givenName: 'Same', familyName: 'Person', dateOfBirth: '1980-05-05' }],
      });
      expect(res.statusCode).toBe(200);
      ids.push(id);
    }
    expect(await t.database.db.selectFrom('situation_fingerprint').selectAll().execute()).toEqual(
      [],
    );
    expect(await t.database.db.selectFrom('situation_repeat').selectAll().execute()).toEqual([]);
    const view = await client.get('originating', `/api/situations/${ids[1]}/identity`);
    expect(view.json().possibleRepeats).toEqual([]);
  });

  it('a save deletes the fingerprints left from before and leaves the links held alone', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await client.call(
        'originating',
        'POST',
        `/api/tables/${cast.tableId}/situations`,
        { payload: draftBody() },
      );
      ids.push(created.json().id as string);
    }
    const [earlier, later] = ids as [string, string];
    await t.database.db
      .insertInto('situation_fingerprint')
      .values({
        situation_id: later,
        table_id: cast.tableId,
        fingerprint: 'b'.repeat(64),
        expires_at: sql<Date>`now() + interval '6 months'`,
      })
      .execute();
    await t.database.db
      .insertInto('situation_repeat')
      .values({ situation_id: later, earlier_situation_id: earlier })
      .execute();
    const res = await client.write('originating', 'PUT', later, '/identity', {
      people: [{ givenName: 'Other', familyName: 'Person', dateOfBirth: '1981-06-06' }],
    });
    expect(res.statusCode).toBe(200);
    expect(
      await t.database.db
        .selectFrom('situation_fingerprint')
        .select('fingerprint')
        .where('situation_id', '=', later)
        .execute(),
    ).toEqual([]);
    expect(
      await t.database.db
        .selectFrom('situation_repeat')
        .select(['situation_id', 'earlier_situation_id'])
        .where('situation_id', '=', later)
        .execute(),
    ).toEqual([{ situation_id: later, earlier_situation_id: earlier }]);
  });

  it('the expiry job with a window of 0 deletes every fingerprint left from before', async () => {
    const created = await client.call(
      'originating',
      'POST',
      `/api/tables/${cast.tableId}/situations`,
      {
        payload: draftBody(),
      },
    );
    const id = created.json().id as string;
    await t.database.db
      .insertInto('situation_fingerprint')
      .values({
        situation_id: id,
        table_id: cast.tableId,
        fingerprint: 'a'.repeat(64),
        expires_at: sql<Date>`now() + interval '6 months'`,
      })
      .execute();
    expect(await expireFingerprints(t.database.db, 0)).toEqual({ fingerprints: 1, situations: 1 });
    expect(await t.database.db.selectFrom('situation_fingerprint').selectAll().execute()).toEqual(
      [],
    );
  });
});

describe('fingerprints', () => {
  const key = Buffer.alloc(32, 1);
  it('normalise accents, case, punctuation and spacing', () => {
    expect(normaliseNamePart('  Zéphyrine-Anne  ')).toBe('zephyrine anne');
    expect(normaliseNamePart('O’Brien')).toBe('obrien');
    expect(normaliseNamePart("O'BRIEN")).toBe('obrien');
    expect(normaliseNamePart('Straße')).toBe('strasse');
    expect(normaliseNamePart('ＡＢＣ')).toBe('abc');
    expect(normaliseNamePart('Chloë   Lefèvre')).toBe('chloe lefevre');
  });

  it('are keyed, per person with a date of birth, and tell names apart from their order', () => {
    const person = { givenName: 'Anne', familyName: 'Marie', dateOfBirth: '2001-02-03' };
    const [print] = fingerprintsOf(key, [person]);
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintsOf(key, [{ ...person, givenName: 'ANNE ' }])).toEqual([print]);
    expect(fingerprintsOf(Buffer.alloc(32, 2), [person])).not.toEqual([print]);
    expect(
      fingerprintsOf(key, [{ givenName: 'Marie', familyName: 'Anne', dateOfBirth: '2001-02-03' }]),
    ).not.toEqual([print]);
    expect(fingerprintsOf(key, [{ givenName: 'Anne', familyName: 'Marie' }])).toEqual([]);
    expect(
      fingerprintsOf(key, [{ givenName: '--', familyName: 'Marie', dateOfBirth: '2001-02-03' }]),
    ).toEqual([]);
    expect(fingerprintsOf(key, [person, { ...person }])).toHaveLength(1);
  });
});
