/**
 * The privacy rules of the workflow: a de-identified summary stays de-identified (its possible
 * names confirmed by its author before presenting), identity and notes are sealed at rest, a
 * rejection destroys identity and the summary at once, and every view of identity is
 * audited with who, which agency, role, table, situation, request and purpose.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@fourfold/shared/problem';
import { accessPurposeHeader } from '@fourfold/shared/situations';
import { createIdentityVault, keyRingFrom, sealContext } from '../../../src/lib/identity-vault';
import {
  TEST_IDENTITY_KEY,
  closeTestApp,
  createTestApp,
  type TestApp,
} from '../../helpers/test-app';
import {
  IDENTITY,
  NOTE_TEXT,
  PERSONAL_VALUES,
  SituationClient,
  createCast,
  draftBody,
  expectNoLeaksIn,
  situationAt,
  type Cast,
} from '../../helpers/situations';

describe('privacy of situations', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  const create = (body: Record<string, unknown>, via = client) =>
    via.call('originating', 'POST', `/api/tables/${cast.tableId}/situations`, { payload: body });
  /**
   * For the two tests that store a summary naming the person on purpose (accepted while no
   * identity says it is a name): their echoes are the test's own doing, not a leak.
   */
  const scratch = () => new SituationClient(t.app, t.database.db, cast);

  describe('personal data in the summary (422 PERSONAL_DATA_IN_SUMMARY)', () => {
    it('refuses an e-mail address and a phone number on creation, with kinds and offsets only', async () => {
      const summary = 'Reached at zq@example.org or 613-555-0199 most evenings.';
      const res = await create(draftBody({ summary }));
      expect(res.statusCode).toBe(422);
      const problem = problemSchema.parse(res.json());
      expect(problem.code).toBe('PERSONAL_DATA_IN_SUMMARY');
      expect(problem.personalData).toEqual([
        { field: 'summary', kind: 'email', start: 11, end: 25 },
        { field: 'summary', kind: 'phone', start: 29, end: 41 },
      ]);
      expect(problem.detail).toContain('email');
      expect(problem.detail).toContain('phone');
      expect(res.body).not.toContain('zq@example.org');
      expect(res.body).not.toContain('555-0199');
      const count = await t.database.db
        .selectFrom('situation')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('table_id', '=', cast.tableId)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    });

    it('refuses a stored name on a draft edit', async () => {
      const id = await situationAt(client, cast, 'draft');
      const res = await client.write(
        'originating',
        'PUT',
        id,
        '',
        draftBody({ summary: 'Zephyrine has been making threats at home.' }),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().personalData).toEqual([
        { field: 'summary', kind: 'name', start: 0, end: 9 },
      ]);
      expect(res.body).not.toContain('Zephyrine');
    });

    it('refuses an identity whose names already appear in the summary', async () => {
      const created = await create(
        draftBody({ summary: 'Youth known as Quillfeather at school; threats escalating.' }),
        scratch(),
      );
      expect(created.statusCode).toBe(201); // no identity yet: the name is not known to be one
      const id = created.json().id as string;
      const res = await client.write('originating', 'PUT', id, '/identity', IDENTITY);
      expect(res.statusCode).toBe(422);
      expect(res.json().personalData).toEqual([
        { field: 'summary', kind: 'name', start: 15, end: 27 },
      ]);
      const held = await t.database.db
        .selectFrom('situation_identity')
        .select('situation_id')
        .where('situation_id', '=', id)
        .executeTakeFirst();
      expect(held).toBeUndefined();
    });

    it('accepts an identity entered after presenting, even if a name happens to be in the fixed summary', async () => {
      // A client of its own: this summary (by design) names the person, so its responses would
      // trip the file's leak check.
      const via = scratch();
      const created = await create(
        draftBody({ summary: 'Youth known as Quillfeather at school; threats escalating.' }),
        via,
      );
      const id = created.json().id as string;
      expect((await via.write('originating', 'POST', id, '/submit')).statusCode).toBe(200);
      // The summary can no longer be corrected: refusing would only keep the identity out of date.
      const res = await via.write('originating', 'PUT', id, '/identity', IDENTITY);
      expect(res.statusCode).toBe(200);
    });

    it('refuses to present a summary that names the stored identity', async () => {
      // An identity stored before the summary could be checked against it (entered directly).
      const via = scratch();
      const created = await create(draftBody({ summary: 'Quillfeather family in crisis.' }), via);
      const id = created.json().id as string;
      const vault = createIdentityVault(keyRingFrom(TEST_IDENTITY_KEY));
      const sealed = vault.sealJson(IDENTITY, sealContext.identity(id));
      await t.database.db
        .insertInto('situation_identity')
        .values({
          situation_id: id,
          key_id: sealed.keyId,
          sealed: sealed.sealed,
          updated_by: cast.users.originating.id,
        })
        .execute();
      const res = await via.write('originating', 'POST', id, '/submit');
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('PERSONAL_DATA_IN_SUMMARY');
      expect(res.body).not.toContain('Quillfeather');
      expect(res.json().personalData[0]).toMatchObject({ kind: 'name' });
    });
  });

  describe('possible names in the summary (confirmed before presenting)', () => {
    const NAMED = 'Grace Bouchard has been making threats at home; Mrs. Ouellet is worried.';
    const confirmations = async (id: string) =>
      t.database.db
        .selectFrom('audit_event')
        .select(['action', 'request_id', 'user_id'])
        .where('situation_id', '=', id)
        .where('action', 'in', ['situation.update', 'situation.summary.names_confirm'])
        .orderBy('id')
        .execute();

    it('saves a draft with possible names, but refuses to present it until they are confirmed', async () => {
      const created = await create(draftBody({ summary: NAMED }));
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      expect(created.json().possibleNames).toBe('unconfirmed');
      const res = await client.write('originating', 'POST', id, '/submit');
      expect(res.statusCode).toBe(422);
      expect(problemSchema.safeParse(res.json()).success).toBe(true);
      expect(res.json().code).toBe('NAMES_NOT_CONFIRMED');
      expect(res.json().personalData).toEqual([
        { field: 'summary', kind: 'possible_name', start: 0, end: 14 },
        { field: 'summary', kind: 'possible_name', start: 48, end: 60 },
      ]);
      // Where, never what.
      expect(res.body).not.toContain('Bouchard');
      expect(res.body).not.toContain('Ouellet');
      const after = await client.get('originating', `/api/situations/${id}`);
      expect(after.json()).toMatchObject({ stage: 'draft', possibleNames: 'unconfirmed' });
    });

    it('records the confirmation (audited, in the same request) and then presents', async () => {
      const created = await create(draftBody({ summary: NAMED }));
      const id = created.json().id as string;
      const confirmed = await client.write(
        'originating',
        'PUT',
        id,
        '',
        draftBody({ summary: NAMED, namesConfirmed: true }),
      );
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json().possibleNames).toBe('confirmed');
      const events = await confirmations(id);
      expect(events.map((e) => e.action)).toEqual([
        'situation.update',
        'situation.summary.names_confirm',
      ]);
      expect(events[1]!.request_id).toBe(events[0]!.request_id);
      expect(events[1]!.user_id).toBe(cast.users.originating.id);
      const submitted = await client.write('originating', 'POST', id, '/submit');
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json()).toMatchObject({ stage: 'filter2', possibleNames: 'confirmed' });
    });

    it('confirms on creation too, and only when there is something to confirm', async () => {
      const named = await create(draftBody({ summary: NAMED, namesConfirmed: true }));
      expect(named.json().possibleNames).toBe('confirmed');
      const namedEvents = await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('situation_id', '=', named.json().id)
        .orderBy('id')
        .execute();
      expect(namedEvents.map((e) => e.action)).toEqual([
        'situation.create',
        'situation.summary.names_confirm',
      ]);
      const plain = await create(draftBody({ namesConfirmed: true }));
      expect(plain.json().possibleNames).toBe('none');
      const row = await t.database.db
        .selectFrom('situation')
        .select('names_confirmed_digest')
        .where('id', '=', plain.json().id)
        .executeTakeFirstOrThrow();
      expect(row.names_confirmed_digest).toBeNull();
      expect(await confirmations(plain.json().id)).toEqual([]);
    });

    it('needs a new confirmation once the summary is edited, not when only codes change', async () => {
      const created = await create(draftBody({ summary: NAMED, namesConfirmed: true }));
      const id = created.json().id as string;
      const codesOnly = await client.write(
        'originating',
        'PUT',
        id,
        '',
        draftBody({ summary: NAMED, studyFlags: [], protectiveFactors: [] }),
      );
      expect(codesOnly.json().possibleNames).toBe('confirmed');
      const edited = await client.write(
        'originating',
        'PUT',
        id,
        '',
        draftBody({ summary: `${NAMED} Kevin Tremblay too.` }),
      );
      expect(edited.statusCode).toBe(200);
      expect(edited.json().possibleNames).toBe('unconfirmed');
      const res = await client.write('originating', 'POST', id, '/submit');
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('NAMES_NOT_CONFIRMED');
    });

    it('never lets a confirmation pass a hard finding', async () => {
      const res = await create(
        draftBody({ summary: 'Mrs. Ouellet, ６１３ ５５５ ０１９９.', namesConfirmed: true }),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('PERSONAL_DATA_IN_SUMMARY');
      expect(res.json().personalData).toEqual([
        { field: 'summary', kind: 'phone', start: 14, end: 26 },
      ]);
    });
  });

  describe('sealed at rest', () => {
    it('stores identity and notes only as ciphertext with the key id', async () => {
      const id = await situationAt(client, cast, 'filter4');
      expect(
        (await client.write('assisting', 'POST', id, '/notes', { body: NOTE_TEXT })).statusCode,
      ).toBe(201);
      const identity = await t.database.db
        .selectFrom('situation_identity')
        .selectAll()
        .where('situation_id', '=', id)
        .executeTakeFirstOrThrow();
      const notes = await t.database.db
        .selectFrom('intervention_note')
        .selectAll()
        .where('situation_id', '=', id)
        .execute();
      expect(identity.key_id).toBe('test1');
      expect(notes).toHaveLength(1);
      expect(notes[0]!.key_id).toBe('test1');
      for (const raw of [JSON.stringify(identity), JSON.stringify(notes)]) {
        for (const value of [...PERSONAL_VALUES, NOTE_TEXT, 'Door knock']) {
          expect(raw).not.toContain(value);
        }
      }
      // Not merely encoded: the decoded bytes do not hold the plaintext either.
      for (const sealed of [identity.sealed, notes[0]!.sealed]) {
        const bytes = Buffer.from(sealed, 'base64').toString('latin1');
        for (const value of [...PERSONAL_VALUES, 'Door knock']) expect(bytes).not.toContain(value);
      }
      // And the whole database, read as text, holds none of it anywhere.
      const dump = await sql<{ row: string }>`
        select row_to_json(x)::text as row from (
          select * from situation where id = ${id}
        ) x`.execute(t.database.db);
      for (const value of PERSONAL_VALUES) expect(JSON.stringify(dump.rows)).not.toContain(value);
    });

    it('binds a sealed identity to its situation: copied onto another one it does not open', async () => {
      const a = await situationAt(client, cast, 'filter3');
      const b = await situationAt(client, cast, 'filter3', { identity: false });
      const sealed = await t.database.db
        .selectFrom('situation_identity')
        .select(['key_id', 'sealed'])
        .where('situation_id', '=', a)
        .executeTakeFirstOrThrow();
      await t.database.db
        .insertInto('situation_identity')
        .values({ situation_id: b, ...sealed, updated_by: cast.users.originating.id })
        .execute();
      const res = await client.get('present', `/api/situations/${b}/identity`);
      expect(res.statusCode).toBe(500);
      expect(res.json().code).toBe('INTERNAL_ERROR');
      await t.database.db.deleteFrom('situation_identity').where('situation_id', '=', b).execute();
    });
  });

  describe('rejection', () => {
    it('destroys the identity in the same transaction as the decision', async () => {
      const id = await situationAt(client, cast, 'filter2');
      const res = await client.write('coordinator', 'POST', id, '/decision', {
        outcome: 'rejected',
        rejectionReason: 'not_aer',
        agenciesPresent: [cast.agencies.present],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        stage: 'rejected',
        rejectionReason: 'not_aer',
        identityStatus: 'destroyed',
        steps: { identityDestroyed: { at: expect.any(String), by: null } },
      });
      const held = await t.database.db
        .selectFrom('situation_identity')
        .select('situation_id')
        .where('situation_id', '=', id)
        .executeTakeFirst();
      expect(held).toBeUndefined();
      const row = await t.database.db
        .selectFrom('situation')
        .select([
          'identity_destroyed_at',
          'decided_at',
          'summary',
          'free_text_destroyed_at',
          'names_confirmed_digest',
        ])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.identity_destroyed_at).toEqual(row.decided_at);
      // The summary, the situation's free text, goes in the same transaction; the codes stay.
      expect(row).toMatchObject({ summary: null, names_confirmed_digest: null });
      expect(row.free_text_destroyed_at).toEqual(row.decided_at);
      expect(res.json()).toMatchObject({
        summary: null,
        freeTextDestroyedAt: new Date(row.decided_at!).toISOString(),
        possibleNames: 'none',
        situationType: 'individual',
        ageBand: '18_24',
        gender: 'female',
        riskFactors: ['alcohol.abuse', 'antisocial.threats'],
        protectiveFactors: ['supportive_family'],
        filter1: { agencyExhaustedOptions: true },
        agenciesPresent: [{ id: cast.agencies.present }],
      });
      const events = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'data_category', 'request_id'])
        .where('situation_id', '=', id)
        .where('action', 'in', ['situation.decide', 'situation.identity.destroy'])
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.action)).toEqual([
        'situation.decide',
        'situation.identity.destroy',
      ]);
      expect(events[0]!.request_id).toBe(events[1]!.request_id);
      // Nobody sees it any more, the originating agency included; nor may they re-enter it.
      const view = await client.get('originating', `/api/situations/${id}/identity`);
      expect(view.statusCode).toBe(403);
      expect(view.json().code).toBe('IDENTITY_NOT_AVAILABLE');
      const reenter = await client.write('originating', 'PUT', id, '/identity', IDENTITY);
      expect(reenter.statusCode).toBe(409);
    });
  });

  describe('the identity view is audited', () => {
    it('records exactly one event per view, with purpose, agency, role, table, situation and request', async () => {
      const id = await situationAt(client, cast, 'filter3');
      const before = await t.database.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('situation_id', '=', id)
        .where('action', '=', 'situation.identity.view')
        .executeTakeFirstOrThrow();
      expect(Number(before.n)).toBe(0);
      const res = await client.get(
        'lead',
        `/api/situations/${id}/identity`,
        accessPurposeHeader('  vérifier notre dossier  '),
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        people: IDENTITY.people,
        address: IDENTITY.address,
        notes: IDENTITY.notes,
      });
      const again = await client.get('lead', `/api/situations/${id}/identity`);
      expect(again.statusCode).toBe(200);
      const events = await t.database.db
        .selectFrom('audit_event')
        .selectAll()
        .where('situation_id', '=', id)
        .where('action', '=', 'situation.identity.view')
        .orderBy('id')
        .execute();
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({
        data_category: 'identity',
        outcome: 'allowed',
        user_id: cast.users.lead.id,
        agency_id: cast.agencies.lead,
        role: 'agency_rep',
        table_id: cast.tableId,
        situation_id: id,
        purpose: 'vérifier notre dossier',
        request_id: res.headers['x-request-id'],
      });
      expect(events[1]).toMatchObject({ purpose: null, request_id: again.headers['x-request-id'] });
    });

    it('refuses a purpose longer than 200 characters or not percent-encoded, and records no view', async () => {
      const id = await situationAt(client, cast, 'filter3');
      for (const headers of [accessPurposeHeader('é'.repeat(201)), { 'access-purpose': '%E9%' }]) {
        const res = await client.get('present', `/api/situations/${id}/identity`, headers);
        expect(res.statusCode).toBe(400);
        expect(res.json().invalidParams[0]).toMatchObject({
          in: 'headers',
          path: 'access-purpose',
        });
        const views = await t.database.db
          .selectFrom('audit_event')
          .select('id')
          .where('request_id', '=', String(res.headers['x-request-id']))
          .where('action', '=', 'situation.identity.view')
          .execute();
        expect(views).toEqual([]);
      }
    });

    it('ignores a purpose given in the query string: it belongs in no URL', async () => {
      const id = await situationAt(client, cast, 'filter3');
      const res = await client.get('present', `/api/situations/${id}/identity?purpose=by%20url`);
      expect(res.statusCode).toBe(200);
      const event = await t.database.db
        .selectFrom('audit_event')
        .select('purpose')
        .where('request_id', '=', String(res.headers['x-request-id']))
        .executeTakeFirstOrThrow();
      expect(event.purpose).toBeNull();
    });

    it('answers 404 without values when no identity was ever entered, and records the call', async () => {
      const id = await situationAt(client, cast, 'filter3', { identity: false });
      const res = await client.get('originating', `/api/situations/${id}/identity`);
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toMatch(/no identity is held/i);
      const events = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'outcome'])
        .where('request_id', '=', String(res.headers['x-request-id']))
        .execute();
      expect(events).toEqual([{ action: 'situation.identity.view', outcome: 'allowed' }]);
    });

    it('refuses a purpose that carries personal data, which would end up in the audit log', async () => {
      const id = await situationAt(client, cast, 'filter3');
      for (const purpose of ['asked by Zephyrine’s aunt', 'call 613-555-0199']) {
        const res = await client.get(
          'present',
          `/api/situations/${id}/identity`,
          accessPurposeHeader(purpose),
        );
        expect(res.statusCode, purpose).toBe(422);
        expect(res.json().invalidParams[0]).toMatchObject({
          in: 'headers',
          path: 'access-purpose',
        });
        expect(res.body).not.toContain('Zephyrine');
        const events = await t.database.db
          .selectFrom('audit_event')
          .select('id')
          .where('request_id', '=', String(res.headers['x-request-id']))
          .execute();
        expect(events).toEqual([]);
      }
    });
  });

  it('let no personal value out in any response of this file', () => {
    expectNoLeaksIn(client.responses);
  });
});
